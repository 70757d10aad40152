"""The check character (docs/architecture.md, "Parsing") in SQL and in the generator agree:
macros/parsing/check_character.sql, as dbt
compiles it for DuckDB, against synthetic/application_numbers.py's check_character(), on every example of
the examples of docs/architecture.md#parsing-staging-once and on random 8- and 12-digit bodies (seeded).
"""

from __future__ import annotations

import json
import random

import duckdb
import pytest

from byo_support import BIN, build_env, run
from gba_tech_transfer.synthetic.application_numbers import check_character

# docs/architecture.md#parsing-staging-once: numbers that validate.
VALID_EXAMPLES = (
    "201911044411.X",
    "201710736136.2",
    "200910086409.9",
    "201480074503.1",
    "202321160956.9",
    "97101765.4",
    "95115608.X",
)
RANDOM_BODIES = 300


@pytest.fixture(scope="module")
def sql_check_character(tmp_path_factory):
    """check_character(body) through the compiled macro, run in DuckDB on a table of bodies."""
    directory = tmp_path_factory.mktemp("check_character")
    env = build_env(directory) | {"GBA_DUCKDB_PATH": str(directory / "compile.duckdb")}
    inline = "select body, {{ check_character('body') }} as check_character from bodies order by position"
    result = run(
        [str(BIN / "dbt"), "--quiet", "compile", "--target", "ci", "--output", "json", "--inline", inline],
        directory,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    compiled = json.loads(result.stdout)["compiled"]

    def evaluate(bodies: list[str]) -> dict[str, str | None]:
        with duckdb.connect() as con:
            con.execute(
                "create table bodies as select unnest($1::varchar[]) as body, "
                "generate_subscripts($1::varchar[], 1) as position",
                [bodies],
            )
            return dict(con.execute(compiled).fetchall())

    return evaluate


def test_the_spec_examples_validate_in_sql_and_in_python(sql_check_character):
    bodies = [example.split(".")[0] for example in VALID_EXAMPLES]
    expected = {body: example.split(".")[1] for body, example in zip(bodies, VALID_EXAMPLES)}
    assert {body: check_character(body) for body in bodies} == expected
    assert sql_check_character(bodies) == expected


@pytest.mark.parametrize("length", [8, 12])
def test_random_bodies_agree(sql_check_character, length):
    rng = random.Random(20251031 + length)
    bodies = [f"{rng.randrange(10**length):0{length}d}" for _ in range(RANDOM_BODIES)]
    bodies += ["0" * length, "9" * length]
    python = {body: check_character(body) for body in bodies}
    assert "X" in python.values(), "the sample reaches a remainder of 10"
    assert sql_check_character(bodies) == python


def test_sql_gives_null_for_other_lengths(sql_check_character):
    assert set(sql_check_character(["1234567", "123456789", "12345678901", "1234567890123", "12345678x"]).values()) == {
        None
    }
