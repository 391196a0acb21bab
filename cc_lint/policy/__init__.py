"""YAML policies: loading, validation, compilation and batch evaluation."""
