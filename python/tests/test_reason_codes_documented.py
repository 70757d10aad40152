"""Docs that cannot drift: the outcome and reason codes the models accept are the ones the docs define.

Models: every `accepted_values` test on a column named outcome, reason or reject_reason in models/**/*.yml, and
every such column of a model's `accepted_values_columns` test.
docs/architecture.md defines the codes as bullet lists, "- `code`: meaning": a list led in by "… these reasons
that applies:" lists reasons; a list led in by a sentence naming outcomes lists outcomes, and an outcome's bullet
names its reason ("reason `duplicate`"). The two sets must be equal, so a code added to either side alone fails.
docs/bring-your-own.md (the user's guide) may name only codes the models accept, wherever it names a record's
outcome or reason: in a printed reconciliation, as `outcome / reason`, in a table with a reason column, or as
"rejected as `code`" / "are `code`".
No dbt build is needed: this reads the YAML and Markdown files only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = ROOT / "docs" / "architecture.md"
BRING_YOUR_OWN = ROOT / "docs" / "bring-your-own.md"
OUTCOME_COLUMNS = ("outcome",)
REASON_COLUMNS = ("reason", "reject_reason")
RECORD_OUTCOMES = ("in_scope", "duplicate", "out_of_scope", "rejected")
CODE = r"[a-z][a-z0-9_]*"


def accepted_codes(models_dir: Path = ROOT / "models") -> tuple[set[str], set[str]]:
    """(outcomes, reasons) accepted by the models' accepted_values and accepted_values_columns tests."""
    outcomes: set[str] = set()
    reasons: set[str] = set()

    def accept(name: str, values: list) -> None:
        if name in OUTCOME_COLUMNS + REASON_COLUMNS:
            (outcomes if name in OUTCOME_COLUMNS else reasons).update(values)

    for path in sorted(models_dir.rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            for test in model.get("data_tests", model.get("tests", [])):
                if isinstance(test, dict) and "accepted_values_columns" in test:
                    spec = test["accepted_values_columns"]
                    for name, values in spec.get("arguments", spec)["columns"].items():
                        accept(name, values)
            for column in model.get("columns", []):
                for test in column.get("data_tests", column.get("tests", [])):
                    if isinstance(test, dict) and "accepted_values" in test:
                        spec = test["accepted_values"]
                        accept(column["name"], spec.get("arguments", spec)["values"])
    return outcomes, reasons


def architecture_codes(text: str) -> tuple[set[str], set[str]]:
    """(outcomes, reasons) defined by the bullet lists of docs/architecture.md."""
    outcomes: set[str] = set()
    reasons: set[str] = set()
    lead_in = ""
    kind = None
    for line in text.splitlines():
        bullet = re.match(rf"- `({CODE})`:(.*)", line)
        if bullet:
            if kind is None:
                kind = "reasons" if "reasons that applies" in lead_in else "outcomes" if "outcome" in lead_in else ""
            if kind == "reasons":
                reasons.add(bullet.group(1))
            elif kind == "outcomes":
                outcomes.add(bullet.group(1))
                reasons.update(re.findall(rf"\breason `({CODE})`", bullet.group(2)))
        elif line.startswith((" ", "\t")) and kind is not None:
            continue  # a bullet's continuation line
        elif line.strip():
            lead_in = line if kind is not None else f"{lead_in} {line}"
            kind = None
        else:
            lead_in = lead_in if kind is None else ""
    return outcomes, reasons


def bring_your_own_codes(text: str, known: set[str]) -> tuple[set[str], set[str]]:
    """(outcomes, reasons) the user's guide names for a record; a table cell cut short (`malformed_application…`)
    counts as the one known code it begins, or as itself when none does."""
    outcomes: set[str] = set()
    reasons: set[str] = set()
    record = "|".join(RECORD_OUTCOMES)
    for outcome, reason in re.findall(rf"^ {{2}}({CODE})(?: +({CODE}))? +\d+$", text, flags=re.MULTILINE):
        outcomes.add(outcome)
        if reason:
            reasons.add(reason)
    for outcome, reason in re.findall(rf"`({record}) / ({CODE})`", text):
        outcomes.add(outcome)
        reasons.add(reason)
    reasons.update(re.findall(rf"\b(?:rejected as|are) `({CODE})`", text))
    column = None
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")] if line.startswith("│") else None
        if cells is None:
            column = None if not line.startswith(("┌", "├", "└")) else column
        elif "reason" in cells:
            column = cells.index("reason")
        elif column is not None and column < len(cells):
            cell = cells[column]
            if cell.endswith("…"):
                cell = next((k for k in sorted(known) if k.startswith(cell[:-1])), cell[:-1])
            reasons.add(cell)
    return outcomes, reasons


@pytest.fixture(scope="module")
def models() -> tuple[set[str], set[str]]:
    outcomes, reasons = accepted_codes()
    assert outcomes and reasons, "no accepted_values on outcome or reason columns found under models/"
    return outcomes, reasons


def test_architecture_defines_exactly_the_outcomes_the_models_accept(models):
    documented, _ = architecture_codes(ARCHITECTURE.read_text(encoding="utf-8"))
    assert documented == models[0], (
        f"only in docs/architecture.md: {sorted(documented - models[0])}; "
        f"only in the models' accepted_values: {sorted(models[0] - documented)}"
    )


def test_architecture_defines_exactly_the_reasons_the_models_accept(models):
    _, documented = architecture_codes(ARCHITECTURE.read_text(encoding="utf-8"))
    assert documented == models[1], (
        f"only in docs/architecture.md: {sorted(documented - models[1])}; "
        f"only in the models' accepted_values: {sorted(models[1] - documented)}"
    )


def test_bring_your_own_names_only_codes_the_models_accept(models):
    outcomes, reasons = bring_your_own_codes(BRING_YOUR_OWN.read_text(encoding="utf-8"), models[1])
    assert reasons, "no reason code found in docs/bring-your-own.md: has its format changed?"
    assert outcomes - {"total"} <= models[0], sorted(outcomes - models[0])
    assert reasons <= models[1], f"docs/bring-your-own.md names reasons no model accepts: {sorted(reasons - models[1])}"


# The checks above must be able to fail: each parser finds a code added on its side.


def test_a_reason_added_to_architecture_is_found():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    added = text.replace("- `bad_check_digit`:", "- `bad_encoding`: not UTF-8.\n- `bad_check_digit`:", 1)
    assert architecture_codes(added)[1] == architecture_codes(text)[1] | {"bad_encoding"}


def test_a_reason_added_to_bring_your_own_is_found(models):
    text = BRING_YOUR_OWN.read_text(encoding="utf-8")
    added = text + "\nA row in another encoding is rejected as `bad_encoding`.\n"
    assert "bad_encoding" in bring_your_own_codes(added, models[1])[1]


def test_a_reason_added_to_the_models_is_found(tmp_path):
    (tmp_path / "m.yml").write_text(
        "models:\n  - name: m\n    columns:\n      - name: reason\n        data_tests:\n"
        "          - accepted_values:\n              arguments:\n                values: [bad_encoding]\n",
        encoding="utf-8",
    )
    assert accepted_codes(tmp_path) == (set(), {"bad_encoding"})


def test_a_reason_added_to_a_models_accepted_values_columns_is_found(tmp_path):
    (tmp_path / "m.yml").write_text(
        "models:\n  - name: m\n    data_tests:\n      - accepted_values_columns:\n          arguments:\n"
        "            columns:\n              outcome: [in_scope]\n              reason: [bad_encoding]\n"
        "              patent_type: [design]\n",
        encoding="utf-8",
    )
    assert accepted_codes(tmp_path) == ({"in_scope"}, {"bad_encoding"})
