"""The documentation: every mart and every mart column described, the overview page, a docs site that builds.

Reads the dbt artifacts of a real build (target/manifest.json of bi_support.built()) and the built tables
themselves, so a column added to a mart's SQL without a description fails here even where no contract
would notice.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import duckdb
import pytest

from bi_support import BIN, ROOT, built

PROJECT = "gba_tech_transfer"
DOCUMENTED_FOLDERS = ("marts", "semantic")  # models/<folder>/: what analysts, BI tools and the metrics read


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((built().target / "manifest.json").read_text(encoding="utf-8"))


def models_in(manifest: dict, folder: str) -> dict[str, dict]:
    return {
        n["name"]: n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model"
        and n["package_name"] == PROJECT
        and n["original_file_path"].startswith(f"models/{folder}/")
    }


def undocumented(manifest: dict, folder: str) -> list[str]:
    """'model' or 'model.column' for each model of the folder, or column, whose description is empty."""
    missing = []
    for name, node in sorted(models_in(manifest, folder).items()):
        if not (node.get("description") or "").strip():
            missing.append(name)
        missing += [f"{name}.{col}" for col, c in node["columns"].items() if not (c.get("description") or "").strip()]
    return missing


@pytest.mark.parametrize("folder", DOCUMENTED_FOLDERS)
def test_every_model_and_column_is_described(manifest, folder):
    assert models_in(manifest, folder), f"no models under models/{folder}/"
    assert undocumented(manifest, folder) == [], f"describe these in models/{folder}/*.yml"


@pytest.mark.parametrize("folder", DOCUMENTED_FOLDERS)
def test_every_built_column_is_in_the_docs(manifest, folder):
    """A column in the built table but missing from the YAML has no description at all."""
    models = models_in(manifest, folder)
    with duckdb.connect(str(built().warehouse), read_only=True) as con:
        for name, node in models.items():
            built_columns = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                    [node["schema"], node["alias"] or name],
                ).fetchall()
            ]
            assert built_columns, f"{node['schema']}.{name} was not built"
            assert sorted(set(built_columns) - set(node["columns"])) == [], f"{name}: columns without docs"


def test_the_check_catches_a_missing_description(manifest):
    broken = json.loads(json.dumps(manifest))
    node = next(iter(models_in(broken, "marts").values()))
    column = next(iter(node["columns"]))
    node["columns"][column]["description"] = "  "
    assert undocumented(broken, "marts") == [f"{node['name']}.{column}"]


def test_overview_page(manifest):
    doc = manifest["docs"].get(f"doc.{PROJECT}.__overview__")
    assert doc, "docs/overview.md must define {% docs __overview__ %}"
    text = doc["block_contents"]
    for needle in (
        "synthetic",
        "primary transferor",
        "primary transferee",
        "first research institution",
        "first enterprise",
        "PF01",
        "PF18",
        "43 185",
        "published_figure_checks",
        "cutoff",
    ):
        assert needle in text, f"the overview page does not mention {needle!r}"


def test_exposures_name_their_marts(manifest):
    exposures = {e["name"]: e for e in manifest["exposures"].values() if e["package_name"] == PROJECT}
    assert {"transfer_report", "parquet_marts", "bi_tools_duckdb_file"} <= set(exposures)
    marts = {f"model.{PROJECT}.{name}" for name in models_in(manifest, "marts")}
    assert set(exposures["parquet_marts"]["depends_on"]["nodes"]) == marts  # every mart is exported
    assert f"model.{PROJECT}.published_figure_checks" in exposures["transfer_report"]["depends_on"]["nodes"]


def test_docs_site_generates_and_works_offline(tmp_path):
    """What `make docs` runs: `dbt docs generate --static` on a copy of the warehouse."""
    database = tmp_path / "gba_tech_transfer.duckdb"
    shutil.copy2(built().warehouse, database)
    target = tmp_path / "target"
    env = dict(os.environ, DBT_PROFILES_DIR=str(ROOT / "profiles"), GBA_DUCKDB_PATH=str(database))
    result = subprocess.run(
        [
            str(BIN / "dbt"),
            "docs",
            "generate",
            "--static",
            "--target",
            "ci",
            "--target-path",
            str(target),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    site = (target / "static_index.html").read_text(encoding="utf-8")
    assert "The bundled transfer records are synthetic" in site
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']https?://""", site), "the site loads from the web"
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    in_catalog = {n["metadata"]["name"] for n in catalog["nodes"].values() if n["metadata"]["schema"] == "marts"}
    assert {"fct_transfers", "city_summary", "industry_summary", "published_figure_checks"} <= in_catalog
