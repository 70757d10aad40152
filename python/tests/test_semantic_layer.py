"""The MetricFlow semantic layer (models/semantic/): its configs validate, and `mf query` agrees with the marts.

Each query runs the real `mf` CLI against a built warehouse (bi_support.built()) and compares its CSV output
with the mart the metric mirrors: transfers out / in / in or out with city_summary, intake enterprises and
source institutions with city_summary, the industry metrics with industry_summary, the yearly and
cumulative metrics with yearly_trend and published figure PF01.
"""

from __future__ import annotations

import csv
import math

import duckdb
import pytest

from bi_support import built, run_mf
from gba_tech_transfer.published_figures import target


@pytest.fixture(scope="module")
def marts():
    """The built warehouse; each query opens and closes its own read-only connection."""
    return built().warehouse


def rows(warehouse, sql: str) -> list[dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]


def mf_query(tmp_path, *args: str) -> list[dict]:
    out = tmp_path / "result.csv"
    result = run_mf("query", *args, "--csv", str(out), "--quiet")
    assert result.returncode == 0, f"mf query {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    with out.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_validate_configs_passes_against_the_warehouse():
    """`mf validate-configs`: semantic validation and the data-warehouse checks (every dimension, entity,
    measure and metric queried on the build)."""
    result = run_mf("validate-configs")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Successfully validated the semantics of built manifest (ERRORS: 0" in output
    assert "Successfully validated metrics against data warehouse (ERRORS: 0" in output


def test_city_metrics_equal_city_summary(marts, tmp_path):
    got = mf_query(tmp_path, "--saved-query", "city_summary_metrics")
    want = rows(marts, "select city, transfers_out, transfers_in, transfers_in_or_out from marts.city_summary")
    assert len(got) == len(want) == 12
    by_city = {r["city__city_name"]: r for r in got}
    for city in want:
        metric = by_city[city["city"]]
        assert int(metric["transfers_out"]) == city["transfers_out"], city["city"]
        assert int(metric["transfers_in"]) == city["transfers_in"], city["city"]
        assert int(metric["transfers_in_or_out"]) == city["transfers_in_or_out"], city["city"]


def test_intake_enterprises_and_source_institutions_equal_city_summary(marts, tmp_path):
    want = {
        r["city"]: r
        for r in rows(marts, "select city, intake_enterprises, source_institutions from marts.city_summary")
    }
    intake = mf_query(tmp_path, "--metrics", "intake_enterprises", "--group-by", "transfer__destination_city")
    for r in intake:
        assert int(r["intake_enterprises"]) == want[r["transfer__destination_city"]]["intake_enterprises"]
    by_city = {r["transfer__destination_city"]: int(r["intake_enterprises"]) for r in intake}
    assert by_city["深圳"] == target("intake_enterprises", "深圳")
    sources = mf_query(tmp_path, "--metrics", "source_institutions", "--group-by", "transfer__source_city")
    for r in sources:
        assert int(r["source_institutions"]) == want[r["transfer__source_city"]]["source_institutions"]
    assert len(intake) == len(sources) == 12


def test_industry_metrics_equal_industry_summary(marts, tmp_path):
    got = mf_query(
        tmp_path,
        "--metrics",
        "transfers,inventions,invention_share,pct_linked_transfers,high_value_share,hard_tech_share",
        "--group-by",
        "industry__industry_name,industry__is_hard_tech",
    )
    want = {
        r["industry"]: r
        for r in rows(
            marts,
            """
        select industry, is_hard_tech, transfers, inventions, invention_share, pct_linked_transfers, high_value_share
        from marts.industry_summary where transfers > 0""",
        )
    }
    # an unmapped transfer has no industry: MetricFlow's NULL group is industry_summary's 'unmapped' row
    for r in got:
        r["industry__industry_name"] = r["industry__industry_name"] or "unmapped"
    assert {r["industry__industry_name"] for r in got} == set(want)
    for r in got:
        industry = want[r["industry__industry_name"]]
        assert int(r["transfers"]) == industry["transfers"]
        assert int(r["inventions"]) == industry["inventions"]
        assert int(r["pct_linked_transfers"]) == industry["pct_linked_transfers"]
        assert math.isclose(float(r["invention_share"]), industry["invention_share"], rel_tol=1e-9)
        assert math.isclose(float(r["high_value_share"]), industry["high_value_share"], rel_tol=1e-9)
        assert (r["industry__is_hard_tech"].lower() == "true") == bool(industry["is_hard_tech"])
        # a ratio with no hard-tech transfers in the group has no numerator row: empty (NULL), read as 0
        assert float(r["hard_tech_share"] or 0) == (1.0 if industry["is_hard_tech"] else 0.0)
    by_industry = {r["industry__industry_name"]: int(r["transfers"]) for r in got}
    assert by_industry["生物医药"] == target("industry_transfers", "生物医药")


def test_yearly_and_cumulative_metrics_equal_yearly_trend(marts, tmp_path):
    got = mf_query(
        tmp_path,
        "--metrics",
        "transfers,cumulative_transfers,transfers_year_over_year",
        "--group-by",
        "metric_time__year",
        "--order",
        "metric_time__year",
    )
    want = rows(
        marts,
        """
        select effective_year, transfers from marts.yearly_trend
        where breakdown = 'all' order by effective_year""",
    )
    pf01 = rows(marts, "select actual from marts.published_figure_checks where figure_id = 'PF01'")[0]["actual"]
    assert [int(r["metric_time__year"][:4]) for r in got] == [w["effective_year"] for w in want]
    running, previous = 0, None
    for r, w in zip(got, want):
        running += w["transfers"]
        assert int(r["transfers"]) == w["transfers"]
        assert int(r["cumulative_transfers"]) == running, r["metric_time__year"]
        if previous is not None:
            assert int(r["transfers_year_over_year"]) == w["transfers"] - previous
        previous = w["transfers"]
    assert running == pf01 == target("in_scope_transfers", "fct_transfers")


def test_mf_reads_beside_a_bi_client(marts, tmp_path):
    """With a BI client holding the file open (read-only), `mf` through the read_only target answers; through
    a read-write target (`ci`, what `dev` is for a build) DuckDB refuses it the file."""
    args = ("query", "--metrics", "transfers", "--csv", str(tmp_path / "out.csv"), "--quiet")
    with duckdb.connect(str(marts), read_only=True) as bi_client:
        expected = bi_client.execute("select count(*) from marts.fct_transfers").fetchone()[0]
        beside = run_mf(*args)
        assert beside.returncode == 0, beside.stdout + beside.stderr
        with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as f:
            assert int(next(csv.DictReader(f))["transfers"]) == expected
        read_write = run_mf(*args, target="ci")
    assert read_write.returncode != 0 and "Conflicting lock" in read_write.stdout + read_write.stderr


def test_transfers_by_source_province(marts, tmp_path):
    """ "Transfers by source province": the transfers metric grouped by the transferor's province."""
    got = mf_query(tmp_path, "--metrics", "transfers", "--group-by", "transfer__source_province")
    want = {
        r["source_province"]: r["transfers"]
        for r in rows(marts, "select source_province, count(*) as transfers from marts.fct_transfers group by 1")
    }
    assert {r["transfer__source_province"] or None: int(r["transfers"]) for r in got} == want
    assert sum(int(r["transfers"]) for r in got) == target("in_scope_transfers", "fct_transfers")


def test_median_km_by_industry(marts, tmp_path):
    """ "Median km by industry": the continuous median of fct_transfers.distance_km per industry."""
    got = mf_query(tmp_path, "--metrics", "median_distance_km", "--group-by", "industry__industry_name")
    want = {
        r["industry"]: r["median_km"]
        for r in rows(
            marts,
            """
        select i.industry, quantile_cont(f.distance_km, 0.5) as median_km
        from marts.fct_transfers as f left join marts.dim_industries as i on f.industry_id = i.industry_id
        group by 1""",
        )
    }
    assert {r["industry__industry_name"] or None for r in got} == set(want)
    for r in got:
        expected = want[r["industry__industry_name"] or None]
        assert math.isclose(float(r["median_distance_km"]), expected, rel_tol=1e-9), r
