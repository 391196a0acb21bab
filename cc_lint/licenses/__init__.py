"""License catalog, normaliser and batch enrichment."""
