"""The shape of a raw export, told from its header row (docs/bring-your-own.md).

Four shapes reach the same warehouse:

- contract:     the 16 columns of the raw export contract (docs/architecture.md) under their own names, in
                order (checked as before, validate.py);
- headers:      the same columns under the names patent databases use (申请号, 公开（公告）号, 转让人 …);
- legal_events: one row per legal event: application number, 法律状态公告日, 法律状态, 描述信息 (the parties,
                addresses and registration date are inside the description; staging reads them);
- history:      a patent list whose legal history sits in one cell (历史法律状态: `#`-separated blocks).

Header names are looked up in seeds/reference/ref_raw_header_aliases.csv after folding (NFKC, so full-width
brackets and letters are half-width; whitespace removed; lower-case). A user who meets a new header adds a
row to that seed; no code changes. Python only reads the header here, to tell the shape and check the file:
the rows land as written, and the dbt staging models map the landed header through the same seed
(macros/landing/shapes.sql), so an alias added later reaches old loads too.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .. import PROJECT_DIR, contract

ALIASES_CSV = PROJECT_DIR / "seeds" / "reference" / "ref_raw_header_aliases.csv"

# Attributes of the patent, not of the event: an event export may carry them; NULL where it does not.
PATENT_COLUMNS = (
    "publication_no",
    "patent_type",
    "title",
    "application_date",
    "grant_date",
    "ipc_main",
    "ipc_all",
    "pct_application_no",
)
# In the event shapes these come out of the description text; a column of them beside it would be a
# second, conflicting source, so it is refused.
FROM_DESCRIPTION = ("effective_date", "assignors", "assignor_address", "assignees", "assignee_address")

LABELS = {
    "contract": "the contract's 16 columns",
    "headers": "database headers, mapped to the contract's columns",
    "legal_events": "legal-status events, one row per event, parties in the description",
    "history": "patent list, legal history in one cell",
}
REQUIRED = {
    "headers": ("application_no", "legal_event", "effective_date", "assignors", "assignees"),
    "legal_events": ("application_no", "announcement_date", "legal_event", "description"),
    "history": ("application_no", "legal_history"),
}
# The history shape's own 法律状态 / 公告日 columns describe the patent's current status, not an event:
# read past them (the events are in the history cell).
READ_PAST = {"history": ("legal_event", "announcement_date")}


class HeaderError(ValueError):
    """A header row that maps to no shape; the message names the header (validate.py adds the file)."""


def fold_header(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name.replace("\ufeff", ""))).lower()


def load_aliases(path: Path = ALIASES_CSV) -> dict[str, str]:
    """Folded header alias -> column name; a seed whose aliases collide once folded is an error."""
    aliases: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key, column = fold_header(row["header_alias"]), row["column_name"].strip()
            if aliases.get(key, column) != column:
                raise HeaderError(
                    f"{path}: header alias {row['header_alias']!r} maps to both {aliases[key]} and {column}"
                )
            aliases[key] = column
    return aliases


@dataclass(frozen=True)
class Shape:
    name: str  # contract | headers | legal_events | history
    columns: tuple[tuple[str, str], ...] = ()  # (column name, header as written), file order; ignored left out

    @property
    def label(self) -> str:
        return LABELS[self.name]

    @property
    def mapping(self) -> dict[str, str]:
        return dict(self.columns)

    @property
    def has_record_id(self) -> bool:
        return self.name == "contract" or "record_id" in self.mapping


def is_contract_like(header: list[str], aliases: dict[str, str]) -> bool:
    """Every header is a contract name, or names nothing the seed knows: checked against the contract, with
    its own messages (missing, renamed, extra, out of order)."""
    return all(h.strip() in contract.COLUMNS or fold_header(h) not in aliases for h in header)


def sniff(header: list[str], aliases: dict[str, str]) -> str | None:
    """The shape a header row would be read as, or None (for choosing a workbook's sheet; no messages)."""
    try:
        return detect(header, aliases).name
    except HeaderError:
        return None


def detect(header: list[str], aliases: dict[str, str]) -> Shape:
    """The shape of a header row; HeaderError naming the header(s) when it maps to none."""
    if tuple(h.strip() for h in header) == contract.COLUMNS:
        return Shape("contract")
    if is_contract_like(header, aliases):
        raise HeaderError("contract")  # validate.py words the contract's own problems
    unknown = [f"'{h}' (column {i + 1})" for i, h in enumerate(header) if fold_header(h) not in aliases]
    if unknown:
        raise HeaderError(
            f"unknown column(s) {', '.join(unknown)}: no row of seeds/reference/ref_raw_header_aliases.csv names "
            f"it; add one mapping it to a column (or to 'ignored')"
        )
    targets = [aliases[fold_header(h)] for h in header]
    if "legal_history" in targets and "description" in targets:
        raise HeaderError(
            "both a description column (one event per row) and a legal-history column (one patent "
            "per row); give one or the other"
        )
    name = "history" if "legal_history" in targets else "legal_events" if "description" in targets else "headers"
    by_column: dict[str, list[str]] = {}
    for h, t in zip(header, targets):
        if t != "ignored" and t not in READ_PAST.get(name, ()):
            by_column.setdefault(t, []).append(h)
    twice = [f"{' and '.join(repr(h) for h in hs)} both map to {t}" for t, hs in by_column.items() if len(hs) > 1]
    if twice:
        raise HeaderError(
            "; ".join(twice) + "; keep one of them (or map the other to 'ignored' in "
            "seeds/reference/ref_raw_header_aliases.csv)"
        )
    if name in ("legal_events", "history"):
        conflicting = [f"'{by_column[c][0]}' ({c})" for c in FROM_DESCRIPTION if c in by_column]
        if conflicting:
            raise HeaderError(
                f"{LABELS[name]}: column(s) {', '.join(conflicting)} are read from the description "
                f"text in this shape; drop them or map them to 'ignored'"
            )
        unused = [
            f"'{by_column[c][0]}' ({c})"
            for c in by_column
            if c not in (*PATENT_COLUMNS, "record_id", "application_no", *REQUIRED[name])
        ]
        if unused:
            raise HeaderError(f"{LABELS[name]}: column(s) {', '.join(unused)} have no place in this shape")
    else:
        unused = [f"'{by_column[c][0]}' ({c})" for c in by_column if c not in contract.COLUMNS]
        if unused:
            raise HeaderError(f"{LABELS[name]}: column(s) {', '.join(unused)} have no place in this shape")
    missing = [c for c in REQUIRED[name] if c not in by_column]
    if missing:
        named = {c: [a for a, t in _aliases_as_written().items() if t == c][:4] for c in missing}
        raise HeaderError(
            f"{LABELS[name]}: no column for "
            + "; ".join(f"{c} (a header such as {', '.join(named[c])})" for c in missing)
        )
    return Shape(name, tuple((c, hs[0]) for c, hs in by_column.items()))


def _aliases_as_written(path: Path = ALIASES_CSV) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["header_alias"]: row["column_name"]
            for row in csv.DictReader(handle)
            if not re.fullmatch(r"[a-z_]+", row["header_alias"])
        }
