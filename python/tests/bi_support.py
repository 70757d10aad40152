"""One built warehouse for the docs, semantic-layer, BI-client and report tests, built once per pytest run.

`built()` runs the real publish step (`python -m gba_tech_transfer.pipeline`, as `make build` does) into a
temporary directory: <dir>/gba_tech_transfer.duckdb (the published file; named like the real one, because
DuckDB names the catalog after the file and the dbt artifacts carry that name), <dir>/parquet/ (the Parquet
export), <dir>/target/ (manifest.json, semantic_manifest.json) and <dir>/logs/. Nothing is written to the
project's own target/ or warehouse/.

Set GBA_TEST_BUILD_DIR to keep the build in that directory and reuse it on later runs (it is rebuilt when
the warehouse or the manifest is missing there).
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WAREHOUSE_NAME = "gba_tech_transfer.duckdb"


@dataclasses.dataclass(frozen=True)
class Build:
    directory: Path
    warehouse: Path
    parquet: Path
    target: Path
    logs: Path
    output: str


@functools.cache
def built() -> Build:
    """The session's build (made on first use)."""
    requested = os.environ.get("GBA_TEST_BUILD_DIR")
    if requested:
        directory = Path(requested).resolve()
        directory.mkdir(parents=True, exist_ok=True)
    else:
        directory = Path(tempfile.mkdtemp(prefix="gba-bi-tests-"))
        atexit.register(shutil.rmtree, directory, ignore_errors=True)
    build = Build(
        directory,
        directory / WAREHOUSE_NAME,
        directory / "parquet",
        directory / "target",
        directory / "logs",
        output="",
    )
    if requested and build.warehouse.is_file() and (build.target / "semantic_manifest.json").is_file():
        return build
    env = dict(os.environ, DBT_PROFILES_DIR=str(ROOT / "profiles"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gba_tech_transfer.pipeline",
            "--warehouse",
            str(build.warehouse),
            "--target",
            "ci",
            "--",
            "--target-path",
            str(build.target),
            "--log-path",
            str(build.logs),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"the test build failed (exit {result.returncode}):\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    return dataclasses.replace(build, output=result.stdout)


@functools.cache
def mf_project() -> Path:
    """A directory `mf` can run in against the test build.

    The MetricFlow CLI reads `<project>/target/semantic_manifest.json` (a fixed path) and the profile, so it
    gets a project directory of its own: this dbt_project.yml and the build's semantic manifest. The
    project's own target/ belongs to whoever ran dbt last (and names that run's database).
    """
    build = built()
    project = build.directory / "mf_project"
    (project / "target").mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "dbt_project.yml", project / "dbt_project.yml")
    shutil.copy2(build.target / "semantic_manifest.json", project / "target" / "semantic_manifest.json")
    return project


def mf_env(target: str = "read_only") -> dict[str, str]:
    project = mf_project()
    return dict(
        os.environ,
        DBT_PROFILES_DIR=str(ROOT / "profiles"),
        DBT_PROJECT_DIR=str(project),
        DBT_TARGET=target,
        GBA_DUCKDB_PATH=str(built().warehouse),
    )


def run_mf(*args: str, timeout: float = 300, target: str = "read_only") -> subprocess.CompletedProcess:
    """Run the `mf` CLI of this venv in the test build's project directory, through profile target `target`
    (read_only, as the README tells analysts to)."""
    return subprocess.run(
        [str(BIN / "mf"), *args], cwd=mf_project(), env=mf_env(target), capture_output=True, text=True, timeout=timeout
    )
