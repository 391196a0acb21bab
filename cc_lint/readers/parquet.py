"""Parquet manifests, read column-selectively in row batches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from cc_lint.errors import InputError
from cc_lint.readers import textio
from cc_lint.readers.interface import DatasetInfo, ManifestReader
from cc_lint.records import canonical_batch, require_mapping, row_numbers

if TYPE_CHECKING:
    import pyarrow.parquet as pq


class ParquetReader(ManifestReader):
    name = "parquet"
    description = "Apache Parquet; locations are 1-based row numbers"
    suffixes = (".parquet", ".pq")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> int:
        return 100 if head.startswith(b"PAR1") else 0

    def _file(self) -> pq.ParquetFile:
        import pyarrow.parquet as pq  # loaded only for Parquet manifests

        textio.open_checked(self.path)
        try:
            return pq.ParquetFile(self.path)
        except (pa.ArrowInvalid, OSError) as err:
            raise InputError(
                f"not a readable Parquet file: {' '.join(str(err).split())}",
                where=str(self.path),
                hint="check the file is complete, or pass --manifest-format",
            ) from None

    def info(self) -> DatasetInfo:
        self._file()
        return DatasetInfo(format=self.name, records_path=self.path, location="row")

    def batches(self) -> Iterator[pa.RecordBatch]:
        pf = self._file()
        mapping = require_mapping(pf.schema_arrow.names, self.options.columns, str(self.path))
        return self._read(pf, mapping)

    def _read(self, pf: pq.ParquetFile, mapping: dict[str, str]) -> Iterator[pa.RecordBatch]:
        wanted = sorted(set(mapping.values()))
        row = 1
        try:
            for batch in pf.iter_batches(batch_size=self.options.batch_rows, columns=wanted):
                n = batch.num_rows
                columns = {
                    f: batch.column(batch.schema.get_field_index(c)) for f, c in mapping.items()
                }
                rows = row_numbers(row, n)
                row += n
                yield canonical_batch(columns, length=n, where=str(self.path), line=rows)
        except (pa.ArrowInvalid, OSError) as err:
            raise InputError(
                f"cannot read row group: {' '.join(str(err).split())}", where=str(self.path)
            ) from None
