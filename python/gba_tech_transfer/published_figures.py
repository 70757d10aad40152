"""The published figures as data, for Python: the seed seeds/reference/published_figures.csv read and evaluated.

The same rows published_figure_checks evaluates in SQL (docs/architecture.md, "Published figures as data"):
one per condition and subject. The generator reads its targets here (`target`), calibration evaluates the
plan against every condition (`evaluate`), and the tests read the article's numbers here instead of copying
them. The var cutoff_date is read from dbt_project.yml (`cutoff_date`).
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml

from . import PROJECT_DIR

SEED = PROJECT_DIR / "seeds" / "reference" / "published_figures.csv"
EVERY_SUBJECT = "*"


class Condition(NamedTuple):
    figure_id: str
    condition_no: int
    metric: str
    subject: str
    measure: str  # value, rank or of_n
    comparator: str
    comparand_value: float | None
    comparand_subject: str | None
    at_least: int | None


class Measured(NamedTuple):
    """One row of figure_metrics: a subject's value, rank (None where unranked) and of_n (None on a summary)."""

    value: float | None
    rank: int | None = None
    of_n: int | None = None


# metric -> subject -> Measured, as figure_metrics holds it
Metrics = dict[str, dict[str, Measured]]


@cache
def conditions(path: Path = SEED) -> tuple[Condition, ...]:
    with open(path, encoding="utf-8", newline="") as f:
        return tuple(
            Condition(
                row["figure_id"],
                int(row["condition_no"]),
                row["metric"],
                row["subject"],
                row["measure"],
                row["comparator"],
                float(row["comparand_value"]) if row["comparand_value"] else None,
                row["comparand_subject"] or None,
                int(row["at_least"]) if row["at_least"] else None,
            )
            for row in csv.DictReader(f)
        )


def target(metric: str, subject: str, measure: str = "value", path: Path = SEED) -> float:
    """The published number a subject's measure must equal (its `=` condition in the seed)."""
    found = {
        c.comparand_value
        for c in conditions(path)
        if (c.metric, c.subject, c.measure, c.comparator) == (metric, subject, measure, "=")
        and c.comparand_value is not None
    }
    if len(found) != 1:
        raise LookupError(f"the seed {path.name} has {len(found)} `=` conditions on {measure} of {subject} {metric}")
    return found.pop()


def cutoff_date() -> dt.date:
    """var cutoff_date of dbt_project.yml."""
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    return dt.date.fromisoformat(str(project["vars"]["cutoff_date"]))


def _measure(m: Measured | None, measure: str) -> float | None:
    if m is None:
        return None
    return {"value": m.value, "rank": m.rank, "of_n": m.of_n}[measure]


def _satisfies(value: float | None, comparator: str, comparand: float | None) -> bool:
    if value is None or comparand is None:
        return False
    return {
        "=": abs(value - comparand) < 1e-9,
        ">": value > comparand,
        ">=": value >= comparand,
        "<": value < comparand,
        "<=": value <= comparand,
    }[comparator]


def evaluate(metrics: Metrics, rows: tuple[Condition, ...] | None = None) -> dict[str, list[str]]:
    """figure_id -> the conditions that do not hold (empty when the figure holds), as published_figure_checks."""
    rows = conditions() if rows is None else rows
    grouped: dict[tuple[str, int], list[Condition]] = {}
    for c in rows:
        grouped.setdefault((c.figure_id, c.condition_no), []).append(c)
    failing: dict[str, list[str]] = {c.figure_id: [] for c in rows}
    for (figure_id, _), group in sorted(grouped.items()):
        first = group[0]
        of_metric = metrics.get(first.metric, {})
        ranked = [s for s, m in of_metric.items() if m.of_n is not None]
        subjects = [s for c in group for s in (ranked if c.subject == EVERY_SUBJECT else [c.subject])]
        comparand = first.comparand_value
        if comparand is None:
            comparand = _measure(of_metric.get(first.comparand_subject or ""), first.measure)
        measured = {s: _measure(of_metric.get(s), first.measure) for s in subjects}
        satisfied = [s for s, v in measured.items() if _satisfies(v, first.comparator, comparand)]
        holds = len(satisfied) >= first.at_least if first.at_least is not None else len(satisfied) == len(subjects)
        if not holds or not subjects:
            failing[figure_id].append(
                f"{first.metric} {first.measure} {first.comparator} {first.comparand_subject or comparand}"
                + (f" for at least {first.at_least}" if first.at_least is not None else "")
                + f": {measured}"
            )
    return failing
