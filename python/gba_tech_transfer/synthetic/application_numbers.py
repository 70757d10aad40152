"""CNIPA application numbers (docs/architecture.md, "Parsing"): the check character, the generator's one copy of
the rule.

The warehouse's copy is macros/parsing/check_character.sql; python/tests/test_check_character.py holds the
two equal on the examples of docs/architecture.md#parsing-staging-once and on random 8- and 12-digit bodies.
"""

from __future__ import annotations


def check_character(body: str) -> str:
    """The check character of an 8- or 12-digit body: digits weighted 2, 3, …, 9, 2, 3, … from the left, their
    sum mod 11, a remainder of 10 written X."""
    remainder = sum(int(digit) * (2 + i % 8) for i, digit in enumerate(body)) % 11
    return "X" if remainder == 10 else str(remainder)


def application_no(body: str) -> str:
    """The valid application number `body.check` (the plain form: no prefix, a dot before the check)."""
    return f"{body}.{check_character(body)}"
