"""Check a user's raw export before any model builds: files, encoding, columns.

Each problem is a `RawFileError` whose message names the file and what is wrong. GBK/GB18030 exports
(common from Chinese platforms) are converted to UTF-8 copies; a UTF-8 byte-order mark is dropped; any
other encoding is refused, never loaded as mojibake.
"""

from __future__ import annotations

import codecs
import csv
import glob
from dataclasses import dataclass
from pathlib import Path

RAW_COLUMNS = (
    "record_id", "application_no", "publication_no", "patent_type", "title", "application_date",
    "grant_date", "ipc_main", "ipc_all", "legal_event", "effective_date", "assignors", "assignor_address",
    "assignees", "assignee_address", "pct_application_no",
)


class RawFileError(ValueError):
    """A raw export that cannot be loaded; the message names the file and the problem."""


@dataclass(frozen=True)
class CheckedFile:
    path: Path          # the file dbt should read (a UTF-8 copy when the original was converted)
    original: Path
    encoding: str       # 'utf-8', 'utf-8-sig' (BOM dropped), 'gb18030' (converted) or 'parquet'


def check_raw(pattern: str, converted_dir: Path) -> list[CheckedFile]:
    paths = sorted(Path(p) for p in glob.glob(pattern))
    if not paths:
        raise RawFileError(f"RAW={pattern}: no file matches")
    return [_check_file(path, converted_dir) for path in paths]


def _check_file(path: Path, converted_dir: Path) -> CheckedFile:
    if path.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        schema = pq.read_schema(path)
        _check_header(path, list(schema.names))
        if pq.ParquetFile(path).metadata.num_rows == 0:
            raise RawFileError(f"{path}: no data rows")
        return CheckedFile(path, path, "parquet")

    encoding = _detect_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, None)
        if header is None:
            raise RawFileError(f"{path}: the file is empty")
        _check_header(path, header)
        if next(rows, None) is None:
            raise RawFileError(f"{path}: header only, no data rows")
    if encoding == "utf-8":
        return CheckedFile(path, path, encoding)
    converted_dir.mkdir(parents=True, exist_ok=True)
    target = converted_dir / path.name
    with path.open(encoding=encoding, newline="") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(CHUNK):
            dst.write(chunk)
    return CheckedFile(target, path, encoding)


CHUNK = 1 << 24


def _detect_encoding(path: Path) -> str:
    """'utf-8', 'utf-8-sig' or 'gb18030', checked over the whole file in chunks; else RawFileError."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RawFileError(f"{path}: encoded as UTF-16; export it as UTF-8 (or GBK/GB18030)")
    first = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    offset = _first_invalid_byte(path, first)
    if offset is None:
        return first
    if first == "utf-8" and _first_invalid_byte(path, "gb18030") is None:
        return "gb18030"
    raise RawFileError(
        f"{path}: not valid UTF-8 (invalid byte at offset {offset}) and not GBK/GB18030; re-export it as UTF-8"
    )


def _first_invalid_byte(path: Path, encoding: str) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                return offset + error.start
            if not chunk:
                return None
            offset += len(chunk)


def _check_header(path: Path, header: list[str]) -> None:
    header = [h.strip() for h in header]
    if tuple(header) == RAW_COLUMNS:
        return
    missing = [c for c in RAW_COLUMNS if c not in header]
    extra = [c for c in header if c not in RAW_COLUMNS]
    problems = []
    if missing:
        problems.append("missing column(s) " + ", ".join(missing))
    if extra:
        problems.append("unexpected column(s) " + ", ".join(extra))
    if not problems:
        problems.append("columns out of order; expected " + ", ".join(RAW_COLUMNS))
    raise RawFileError(f"{path}: " + "; ".join(problems))
