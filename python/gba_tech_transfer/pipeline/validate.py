"""Check a user's raw export before any model builds: files, encoding, columns, rows, record ids.

Each problem is a `RawFileError` whose message names the file and what is wrong, so `make build RAW=…`
stops before dbt starts and the published warehouse stays as it was. GBK/GB18030 exports (common from
Chinese platforms) and UTF-8 files with a byte-order mark are converted to plain UTF-8 copies; any other
encoding is refused, never loaded as mojibake.

Checks, in order, per file: the glob matches something; the file is CSV (or .parquet), not a spreadsheet,
an archive or a directory; the encoding (UTF-8, UTF-8 with BOM, GB18030, else refused: UTF-16, Latin-1,
Big5 …); the header is exactly the contract's 16 columns (missing, renamed, extra, duplicated, out of
order). Then, over all files at once, in one DuckDB scan with the read options dbt uses (contract.py): every
row has 16 fields (DuckDB's own read would silently drop a 17th field that is empty, shifting a value into
the wrong column), every file has a data row, every row has a record_id, and no record_id repeats (a
repeated id would otherwise fail the unique test and stop the build).

A clean file is read twice here, fast: its bytes once for UTF-8 (Arrow's validator), its rows once by
DuckDB (in parallel). Only a file with a problem is read again, slowly, to name the line or the row.

Other shapes (docs/bring-your-own.md): the header row decides (shapes.py): database headers, legal-status
events, a patent list with its legal history in one cell, mapped through the header-alias seed; an Excel
workbook (.xlsx) of any of them is first turned into a UTF-8 CSV (workbook.py). All files of one RAW= must
share one header row. A shape without an id column gets its record ids from the rows' content, in staging.
"""

from __future__ import annotations

import codecs
import csv
import glob
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import contract, sql_literal
from .archives import ArchiveError, expand
from .shapes import HeaderError, Shape, detect, load_aliases
from .workbook import WorkbookError, convert, is_workbook

CHUNK = 1 << 24
# A GB18030 decoding is believed only when most of its non-ASCII characters are common (GB2312) ones:
# a genuine GBK export (even one full of traditional names) scores 0.7-1.0; Latin-1 or Windows-1252 text
# read as GB18030 scores ~0 ('Montréal' -> 'Montr閍l'), Big5 ~0.4.
GB_PLAUSIBLE_SHARE = 0.55
MAX_LISTED = 5


class RawFileError(ValueError):
    """A raw export that cannot be loaded; the message names the file and the problem."""


@dataclass(frozen=True)
class CheckedFile:
    path: Path  # the file the engine should read (a UTF-8 copy when the original was converted)
    original: Path  # the file as the user named it (a zip member: <archive>!/<member>)
    encoding: str  # 'utf-8', 'utf-8-sig' (BOM dropped), 'gb18030' (converted), 'parquet' or 'xlsx'
    shape: Shape = Shape("contract")
    header: tuple[str, ...] = ()
    sheet: str | None = None  # a workbook's sheet that was read
    sha256: str = ""  # of the bytes as given


def check_raw(pattern: str, converted_dir: Path, sheet: str | None = None) -> list[CheckedFile]:
    """Every file `pattern` (a path or a glob) matches, checked; RawFileError on the first problem.
    converted_dir receives the UTF-8 CSV of a GBK/BOM file or of a workbook (`sheet`: the one to read)."""
    pattern = pattern.strip()
    candidate = Path(pattern)
    if candidate.is_dir():
        raise RawFileError(f"RAW={pattern}: is a directory; give a file or a glob such as {pattern.rstrip('/')}/*.csv")
    # A file that exists under exactly this name is that file, even when its name holds glob characters ([1]).
    paths = (
        [candidate]
        if candidate.is_file()
        else sorted(Path(p) for p in glob.glob(pattern, recursive=True) if not Path(p).is_dir())
    )
    if not paths:
        raise RawFileError(f"RAW={pattern}: no file matches")
    kinds = {_is_parquet(p) for p in paths}
    if len(kinds) > 1:
        parquet = next(p for p in paths if _is_parquet(p))
        other = next(p for p in paths if not _is_parquet(p))
        raise RawFileError(f"RAW={pattern}: matches both Parquet and CSV files ({parquet}, {other}); use one format")
    checked, given_files = [], []
    for index, path in enumerate(paths):
        try:
            given = expand(path, converted_dir, index)
        except ArchiveError as error:
            raise RawFileError(str(error)) from error
        for number, each in enumerate(given):
            try:
                found = _check_file(each.path, converted_dir, index * 1000 + number, sheet)
            except RawFileError as error:  # name the file as given, not its decompressed copy
                raise RawFileError(str(error).replace(str(each.path), each.name)) from error
            checked.append(replace(found, original=Path(each.name)))
            given_files.append(each)
    kinds = {c.encoding == "parquet" for c in checked}
    if len(kinds) > 1:
        raise RawFileError(f"RAW={pattern}: holds both Parquet and CSV files; use one format")
    first = checked[0]
    for f in checked[1:]:
        if f.header != first.header:
            raise RawFileError(
                f"{first.original}, {f.original}: the files of one RAW= must share one header row "
                f"(read as one export); these two differ"
            )
    _check_rows(checked)
    # The hashes were computed beside the checks (archives.py); each is waited for only now.
    return [replace(f, sha256=each.sha256) for f, each in zip(checked, given_files, strict=True)]


def _is_parquet(path: Path) -> bool:
    return path.suffix.lower() == ".parquet"


def _check_file(path: Path, converted_dir: Path, index: int, sheet: str | None = None) -> CheckedFile:
    if _is_parquet(path):
        return _check_parquet(path)
    if is_workbook(path):
        target = converted_dir / f"{index:03d}-{path.stem}.csv"
        try:
            chosen = convert(path, target, sheet)
        except WorkbookError as error:
            raise RawFileError(str(error)) from error
        checked = _check_file(target, converted_dir, index)
        return CheckedFile(target, path, "xlsx", checked.shape, checked.header, chosen)
    _check_magic(path)
    encoding = _detect_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        header = next(csv.reader(handle), None)
    if header is None or not any(h.strip() for h in header):
        raise RawFileError(f"{path}: the file is empty (no header row, no data)")
    shape = _shape_of(path, header)
    if encoding == "utf-8":
        return CheckedFile(path, path, encoding, shape, tuple(header))
    converted_dir.mkdir(parents=True, exist_ok=True)
    target = converted_dir / f"{index:03d}-{path.name}"
    with path.open(encoding=encoding, newline="") as src, target.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(CHUNK):
            dst.write(chunk)
    return CheckedFile(target, path, encoding, shape, tuple(header))


def _shape_of(path: Path, header: list[str]) -> Shape:
    """The export's shape from its header (shapes.py); RawFileError naming the file and the header."""
    try:
        return detect(header, load_aliases())
    except HeaderError as error:
        if str(error) == "contract":  # contract names (or none the seed knows): the contract's checks
            _check_header(path, header)
        raise RawFileError(f"{path}: {error}") from error


def _check_fields(path: Path, width: int = len(contract.COLUMNS)) -> None:
    """The first line (Python's csv module, quoted line breaks and all) without `width` fields, as an error."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        next(rows, None)
        for row in rows:
            if row and len(row) != width:  # a blank line: DuckDB skips it too
                raise RawFileError(f"{path}: {_ragged(rows.line_num, row, width)}")


def _check_parquet(path: Path) -> CheckedFile:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for a file that is not Parquet
        raise RawFileError(f"{path}: not a readable Parquet file ({error})") from error
    header = list(parquet.schema_arrow.names)
    shape = _shape_of(path, header)
    if parquet.metadata.num_rows == 0:
        raise RawFileError(f"{path}: no data rows")
    return CheckedFile(path, path, "parquet", shape, tuple(header))


_MAGIC = (
    (b"PK\x03\x04", "a zip archive or an Excel workbook; give it a .zip or .xlsx name"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls); save it as CSV UTF-8"),
    (b"\x1f\x8b", "gzip-compressed; give it a .gz name"),
    (b"\x28\xb5\x2f\xfd", "Zstandard-compressed; give it a .zst name"),
    (b"PAR1", "a Parquet file; give it a .parquet name"),
)


def _check_magic(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(4096)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise RawFileError(f"{path}: not a CSV file: {what}")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RawFileError(f"{path}: encoded as UTF-16; export it as UTF-8 (or GBK/GB18030)")
    if b"\x00" in head:
        raise RawFileError(
            f"{path}: holds NUL bytes, as a UTF-16 file without a byte-order mark does; export it as UTF-8"
        )


def _detect_encoding(path: Path) -> str:
    """'utf-8', 'utf-8-sig' or 'gb18030', checked over the whole file; else RawFileError."""
    with path.open("rb") as handle:
        head = handle.read(4)
    first = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    if _is_utf8(path):
        return first
    offset = _first_invalid_byte(path, first)
    context = _byte_context(path, offset)
    if first == "utf-8" and _first_invalid_byte(path, "gb18030") is None:
        share, sample = _gb_plausibility(path)
        if share >= GB_PLAUSIBLE_SHARE:
            return "gb18030"
        raise RawFileError(
            f"{path}: not valid UTF-8 (invalid byte at offset {offset}: {context}); read as GBK/GB18030 it "
            f"would give unlikely characters ({sample}), so it is probably Latin-1/Windows-1252 or Big5; "
            f"re-export it as UTF-8"
        )
    raise RawFileError(
        f"{path}: not valid UTF-8 (invalid byte at offset {offset}: {context}) and not GBK/GB18030 either; "
        f"re-export it as UTF-8"
    )


def _is_utf8(path: Path) -> bool:
    """Whether the whole file is valid UTF-8: Arrow's validator over the mapped file, no copy, no decoding
    (1.6 GB in ~2 s, where Python's decoder takes ~9 s)."""
    import mmap
    import struct

    import pyarrow as pa

    if path.stat().st_size == 0:
        return True
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        offsets = pa.py_buffer(struct.pack("<qq", 0, len(mapped)))
        text = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(mapped)])
        try:
            text.validate(full=True)
            return True
        except pa.ArrowInvalid:
            return False
        finally:
            del text


def _first_invalid_byte(path: Path, encoding: str) -> int | None:
    """Offset of the first byte that does not decode (None: the file decodes); Python's decoder, slow."""
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


def _byte_context(path: Path, offset: int) -> str:
    """The bytes of the line around `offset` (up to 12 each side), e.g. b'Montr\\xe9al'."""
    start = max(0, offset - 12)
    with path.open("rb") as handle:
        handle.seek(start)
        raw = handle.read(offset - start + 12)
    at = offset - start
    left = raw.rfind(b"\n", 0, at) + 1
    right = raw.find(b"\n", at)
    return repr(raw[left : right if right >= 0 else len(raw)])


def _gb_plausibility(path: Path) -> tuple[float, str]:
    """Share of the non-ASCII characters of the GB18030 reading (first CHUNK bytes) that GB2312 holds."""
    with path.open("rb") as handle:
        text = handle.read(CHUNK).decode("gb18030", errors="ignore")
    wide = re.sub(r"[\x00-\x7f]+", "", text)
    if not wide:
        return 1.0, ""
    unlikely = wide.encode("gb2312", errors="replace").count(b"?")
    words = [
        w for w in re.findall(r"[A-Za-z]*[^\x00-\x7f]+[A-Za-z]*", text) if b"?" in w.encode("gb2312", errors="replace")
    ]
    sample = ", ".join(repr(w) for w in list(dict.fromkeys(words))[:3])
    return 1 - unlikely / len(wide), sample


def _check_header(path: Path, header: list[str]) -> None:
    header = [h.strip() for h in header]
    if tuple(header) == contract.COLUMNS:
        return
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sep = "tab" if "\t" in header[0] else "';'"
        raise RawFileError(f"{path}: the header is one {sep}-separated field; the export must be comma-separated")
    problems = []
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        problems.append("repeated column(s) " + ", ".join(repeated))
    missing = [c for c in contract.COLUMNS if c not in header]
    extra = [h for h in header if h not in contract.COLUMNS]
    if missing and extra and len(header) == len(contract.COLUMNS):
        # Same width, names differ: say which column holds which name.
        renamed = [
            f"column {i + 1} is '{h}', expected '{c}'"
            for i, (h, c) in enumerate(zip(header, contract.COLUMNS))
            if h != c and h in extra
        ]
        problems.append("renamed column(s): " + "; ".join(renamed))
    else:
        if missing:
            problems.append("missing column(s) " + ", ".join(missing))
        if extra:
            problems.append("unexpected column(s) " + ", ".join(extra))
    if not problems:
        problems.append("columns out of order")
    raise RawFileError(f"{path}: " + "; ".join(problems) + "; expected the columns " + ",".join(contract.COLUMNS))


# --- rows, over all files at once ----------------------------------------------------------------------


def _sql_list(paths: list[Path]) -> str:
    return "[" + ", ".join(sql_literal(p) for p in paths) + "]"


def _reader(paths: list[Path], parquet: bool, shape: bool = False, names: tuple[str, ...] = contract.COLUMNS) -> str:
    """The files as DuckDB reads them with dbt's options; shape=True: a CSV with the shape scan's options
    (`names`: what the scan calls the file's columns)."""
    if parquet:
        return f"read_parquet({_sql_list(paths)}, union_by_name = true, filename = true)"
    options = _shape_options(names) if shape else contract.READ_CSV_OPTIONS
    return f"read_csv({_sql_list(paths)}, {options}, filename = true)"


# The shape scan reads two spare columns beyond the contract's 16, pads a short row with NULL, and reads an
# empty field as '' (nullstr is a control character no field holds): a row with a 17th field, even an empty
# one, fills spare_1; a short row leaves pct_application_no NULL. Otherwise dbt's options.
def _shape_options(names: tuple[str, ...]) -> str:
    return (
        contract.read_csv_options(
            {k: v for k, v in contract.READ_CSV.items() if k != "union_by_name"} | {"null_padding": True}
        )
        + ", auto_detect = false, nullstr = '\x01', columns = {"
        + ", ".join(f"'{c}': 'varchar'" for c in (*names, "spare_1", "spare_2"))
        + "}"
    )


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _id_column(f: CheckedFile) -> str | None:
    """The header of the file's record id column (None: the shape gets ids from the rows' content)."""
    return "record_id" if f.shape.name == "contract" else f.shape.mapping.get("record_id")


def _check_rows(checked: list[CheckedFile]) -> None:
    """Every row with 16 fields and readable with dbt's options, every file with a row, every row with a
    record_id, no record_id twice: one DuckDB scan over all files; a problem is then looked up in detail."""
    import duckdb

    parquet = checked[0].encoding == "parquet"
    files = [f.path for f in checked]
    width = len(checked[0].header) or len(contract.COLUMNS)
    is_contract = checked[0].shape.name == "contract"
    # The scan names the columns itself (the header row is skipped): the contract's names, else c1, c2, ...
    names = contract.COLUMNS if is_contract else tuple(f"c{i + 1}" for i in range(width))
    reader = _reader(files, parquet, shape=True, names=names)
    shape = "0, 0" if parquet else f"count(spare_1), count(*) - count({names[-1]})"
    id_header = _id_column(checked[0])
    if id_header is None:
        id_column = None
    elif parquet or is_contract:
        id_column = _quoted(id_header)
    else:
        id_column = names[checked[0].header.index(id_header)]
    empty_id = f"coalesce(trim(cast({id_column} as varchar)), '') = ''" if id_column else "false"
    distinct_ids = f"count(distinct {id_column})" if id_column else "count(*)"
    query = (
        f"select filename, count(*), {shape}, count(*) filter (where {empty_id}), {distinct_ids} "
        f"from {reader} group by grouping sets ((filename), ())"
    )
    with duckdb.connect() as con:
        try:
            try:
                scanned = con.execute(query).fetchall()
            except duckdb.Error as error:
                # DuckDB's parallel scanner cannot pad short rows in a file with quoted line breaks (a
                # legal-status description written over several lines): scan that file on one thread.
                if "parallel scanner does not support null_padding" not in str(error) or parquet:
                    raise
                scanned = con.execute(
                    query.replace("filename = true)", "filename = true, parallel = false)")
                ).fetchall()
        except duckdb.Error:
            for f in checked if not parquet else []:
                _check_fields(f.path, width)  # a stray quote usually shows as a line with too few fields
            _explain_unreadable(con, checked, parquet)
            raise
    by_file = {filename: counts for filename, *counts in scanned if filename is not None}
    rows, _, _, empty_ids, distinct_ids = next(counts for filename, *counts in scanned if filename is None)
    for f in checked:
        file_rows, long_rows, short_rows, _, _ = by_file.get(str(f.path), (0, 0, 0, 0, 0))
        if long_rows or short_rows:
            _check_fields(f.path, width)  # names the line (a field that is exactly the nullstr would pass)
        if file_rows == 0:
            raise RawFileError(f"{f.original}: header only, no data rows")
    if empty_ids or distinct_ids < rows:
        _explain_record_ids(checked, parquet, _quoted(id_header))


def _explain_unreadable(con, checked: list[CheckedFile], parquet: bool) -> None:
    """The file, and for a CSV the line, that DuckDB cannot read with dbt's options, as an error."""
    import duckdb

    for f in checked:
        try:
            con.execute(f"select count(*) from {_reader([f.path], parquet)}")
        except duckdb.Error as error:
            raise RawFileError(f"{f.original}: {_unreadable(f, error)}") from error


def _explain_record_ids(checked: list[CheckedFile], parquet: bool, id_column: str = "record_id") -> None:
    """The first empty record_id (file and data row), else the repeated ones, as an error."""
    import duckdb

    originals = {str(f.path): f.original for f in checked}
    with duckdb.connect() as con:
        con.execute(
            f"create temp table raw_ids as select row_number() over () as row_no, filename, "
            f"cast({id_column} as varchar) as record_id from {_reader([f.path for f in checked], parquet)}"
        )
        empty = con.execute(
            "select filename, count(*), min(row_no) from raw_ids "
            "where record_id is null or trim(record_id) = '' group by filename order by min(row_no)"
        ).fetchall()
        if empty:
            filename, count, first = empty[0]
            raise RawFileError(
                f"{originals.get(filename, filename)}: record_id is empty on {count} row(s) (first: data row "
                f"{_row_in_file(con, filename, first)}); every row needs its own record_id"
            )
        duplicated = con.execute(
            "select record_id, count(*), list(distinct filename order by filename), min(row_no) from raw_ids "
            "group by record_id having count(*) > 1 order by min(row_no)"
        ).fetchall()
    if duplicated:
        files = sorted({str(originals.get(n, n)) for _, _, names, _ in duplicated for n in names})
        listed = []
        for record_id, count, names, _ in duplicated[:MAX_LISTED]:
            where = f" in {' and '.join(str(originals.get(n, n)) for n in names)}" if len(files) > 1 else ""
            listed.append(f"'{record_id}' ({count} rows{where})")
        more = f", … {len(duplicated)} repeated ids in all" if len(duplicated) > MAX_LISTED else ""
        raise RawFileError(
            f"{', '.join(files)}: duplicate record_id: {', '.join(listed)}{more}; record_id must be unique "
            f"per row (a registration exported twice needs two ids: the warehouse reports it as a duplicate)"
        )


def _row_in_file(con, filename: str, row_no: int) -> int:
    before = con.execute("select count(*) from raw_ids where filename = ? and row_no < ?", [filename, row_no])
    return before.fetchone()[0] + 1


def _ragged(line: int, row: list[str], width: int = len(contract.COLUMNS)) -> str:
    hint = " (an unquoted comma inside a value?)" if len(row) > width else ""
    return f"line {line} has {len(row)} fields, expected {width}{hint}"


def _unreadable(f: CheckedFile, error: Exception) -> str:
    """Why DuckDB cannot read a file that Python's csv module read (a stray quote, say): DuckDB's own words."""
    detail = [line.strip() for line in str(error).splitlines() if line.strip()]
    where = next((line for line in detail if line.startswith(("CSV Error on Line", "Original Line"))), "")
    return "cannot be read as CSV: " + detail[0] + (f" ({where})" if where and where != detail[0] else "")
