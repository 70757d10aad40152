"""Shared by the bring-your-own-export tests: the hand-made export, its expected outcomes, and the builds.

Every end-to-end build runs `python -m gba_tech_transfer.pipeline --warehouse <tmp>/w.duckdb --raw <file>` in
its own directory (own dbt target and log paths), so builds can run two at a time. `start_builds()` submits
all of them at once the first time any test asks for one; `build(key)` waits for that one. A dbt build on
a few dozen rows costs ~20 s, almost all of it fixed, so the tests share these few builds.
"""

from __future__ import annotations

import atexit
import csv
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
BIN = Path(PYTHON).parent
sys.path.insert(0, str(ROOT / "python"))

from gba_tech_transfer import contract, sql_literal  # noqa: E402
from gba_tech_transfer.synthetic.application_numbers import application_no, check_character  # noqa: E402

# --- application numbers ----------------------------------------------------------------------------------


def bad_check(body: str) -> str:
    right = check_character(body)
    return f"{body}.{'1' if right != '1' else '2'}"


# --- the hand-made export ------------------------------------------------------------------------------

DEFAULTS = {
    "publication_no": "",
    "patent_type": "发明",
    "title": "一种测试装置",
    "application_date": "2019-03-05",
    "grant_date": "",
    "ipc_main": "A61K 31/4745",
    "ipc_all": "",
    "legal_event": "专利权的转移",
    "effective_date": "2023-06-01",
    "assignor_address": "",
    "assignee_address": "",
    "pct_application_no": "",
}


@dataclass
class Row:
    """One hand-made raw record and what the warehouse must make of it."""

    record_id: str
    outcome: str  # in_scope, duplicate, out_of_scope, rejected
    reason: str | None  # None for in_scope
    why: str  # the trap, in words
    values: dict = field(default_factory=dict)
    duplicate_of: str | None = None
    source: tuple | None = None  # in scope: (source_institution_id or None, source_city, basis)
    destination: tuple | None = None  # in scope: (destination_city, basis)

    def raw(self) -> dict:
        return {"record_id": self.record_id, **DEFAULTS, **self.values}


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


A = application_no  # short, for the table below

# Individuals (自然人) in these rows must never appear in a mart: 张伟, 李娜, 王芳, 陈静.
INDIVIDUALS = ("张伟", "李娜", "王芳", "陈静")

HANDMADE = [
    # ---- in scope, with the city traps -------------------------------------------------------------------
    Row(
        "H01",
        "in_scope",
        None,
        "中山大学 with an empty address: registry 广州, never 中山市",
        {
            "application_no": A("201910000013"),
            "assignors": "中山大学",
            "assignees": "广州市海鸥科技有限公司",
            "assignee_address": "广州市天河区五山路1号",
        },
        source=("SYSU", "广州", "registry"),
        destination=("广州", "address"),
    ),
    Row(
        "H02",
        "in_scope",
        None,
        "中国科学院南海海洋研究所 is in 广州, not 佛山南海区",
        {
            "application_no": A("201910000021"),
            "assignors": "中国科学院南海海洋研究所",
            "assignees": "佛山市蓝海科技有限公司",
            "assignee_address": "广东省佛山市南海区桂城街道1号",
        },
        source=("SCSIO", "广州", "registry"),
        destination=("佛山", "address"),
    ),
    Row(
        "H03",
        "in_scope",
        None,
        "沙田 in a Hong Kong address (traditional name, English address)",
        {
            "application_no": A("201910000039"),
            "assignors": "香港中文大學",
            "assignor_address": "香港新界沙田",
            "assignees": "Sha Tin Robotics Limited",
            "assignee_address": "Sha Tin, New Territories, Hong Kong",
        },
        source=("CUHK", "香港", "address"),
        destination=("香港", "address"),
    ),
    Row(
        "H04",
        "in_scope",
        None,
        "沙田镇 without 东莞市: Dongguan (priority 4 beats the HK district 沙田)",
        {
            "application_no": A("201910000047"),
            "assignors": "华南理工大学",
            "assignor_address": "广州市天河区五山路381号",
            "assignees": "广东沙田精密制造有限公司",
            "assignee_address": "沙田镇港口大道8号",
        },
        source=("SCUT", "广州", "address"),
        destination=("东莞", "address"),
    ),
    Row(
        "H05",
        "out_of_scope",
        "outside_gba",
        "贵阳市白云区 is not 广州白云区; 清华大学 in 北京",
        {
            "application_no": A("201910000055"),
            "assignors": "清华大学",
            "assignor_address": "北京市海淀区清华园1号",
            "assignees": "贵州白云科技有限公司",
            "assignee_address": "贵州省贵阳市白云区云峰大道1号",
        },
    ),
    Row(
        "H06",
        "in_scope",
        None,
        "institution listed second: the address is the first assignor's, not its own",
        {
            "application_no": A("201910000063"),
            "assignors": "北京华研科技有限公司;深圳大学",
            "assignor_address": "北京市海淀区中关村大街1号",
            "assignees": "珠海市云帆科技有限公司",
            "assignee_address": "珠海市香洲区情侣路1号",
        },
        source=("SZU", "深圳", "registry"),
        destination=("珠海", "address"),
    ),
    Row(
        "H07",
        "in_scope",
        None,
        "a university's asset company as assignee is an enterprise",
        {
            "application_no": A("201910000071"),
            "assignors": "华南理工大学",
            "assignees": "华南理工大学资产经营有限公司",
            "assignee_address": "广州市天河区五山路381号",
        },
        source=("SCUT", "广州", "registry"),
        destination=("广州", "address"),
    ),
    Row(
        "H08",
        "out_of_scope",
        "no_research_transferor",
        "a university's asset company as assignor is an enterprise",
        {
            "application_no": A("201910000080"),
            "assignors": "中山大学资产经营有限公司",
            "assignees": "广州市海鸥科技有限公司",
        },
    ),
    Row(
        "H09",
        "in_scope",
        None,
        "a former name (华南工学院) is the registered 华南理工大学",
        {
            "application_no": A("201910000098"),
            "assignors": "华南工学院",
            "assignees": "佛山市禅城精工有限公司",
            "assignee_address": "佛山市禅城区季华路1号",
        },
        source=("SCUT", "广州", "registry"),
        destination=("佛山", "address"),
    ),
    Row(
        "H10",
        "in_scope",
        None,
        "English names and addresses",
        {
            "application_no": A("201910000101"),
            "assignors": "The University of Hong Kong",
            "assignor_address": "Pokfulam Road, Hong Kong",
            "assignees": "Shenzhen Bright Tech Co., Ltd.",
            "assignee_address": "深圳市南山区粤海街道1号",
        },
        source=("HKU", "香港", "address"),
        destination=("深圳", "address"),
    ),
    Row(
        "H11",
        "in_scope",
        None,
        "traditional name (澳門大學), functional zone 横琴",
        {
            "application_no": A("201910000110"),
            "assignors": "澳門大學",
            "assignees": "珠海横琴芯谷科技有限公司",
            "assignee_address": "横琴新区环岛东路1号",
        },
        source=("UM", "澳门", "registry"),
        destination=("珠海", "address"),
    ),
    Row(
        "H12",
        "in_scope",
        None,
        "full-width brackets and spaces fold to the registered alias",
        {
            "application_no": fullwidth("CN" + A("201910000128")),
            "assignors": "　香港科技大学（广州）　",
            "assignees": "广州（南沙）智造有限公司",
            "assignee_address": "广州市南沙区环市大道1号",
        },
        source=("HKUSTGZ", "广州", "registry"),
        destination=("广州", "address"),
    ),
    # ---- rejects: each reason, and the first that applies ------------------------------------------------
    Row(
        "H13",
        "rejected",
        "malformed_application_no",
        "11 digits",
        {"application_no": "20191000013", "assignors": "中山大学", "assignees": "广州市海鸥科技有限公司"},
    ),
    Row(
        "H14",
        "rejected",
        "bad_check_digit",
        "wrong check character",
        {"application_no": bad_check("201910000136"), "assignors": "中山大学", "assignees": "广州市海鸥科技有限公司"},
    ),
    Row(
        "H15",
        "rejected",
        "bad_date",
        "impossible application date",
        {
            "application_no": A("201910000144"),
            "application_date": "2019-02-30",
            "assignors": "中山大学",
            "assignees": "广州市海鸥科技有限公司",
        },
    ),
    Row(
        "H16",
        "rejected",
        "bad_date",
        "a grant date that is not a date",
        {
            "application_no": A("201910000152"),
            "grant_date": "2020/13/01",
            "assignors": "中山大学",
            "assignees": "广州市海鸥科技有限公司",
        },
    ),
    Row(
        "H17",
        "rejected",
        "empty_party",
        "assignees only separators and spaces",
        {"application_no": A("201910000160"), "assignors": "中山大学", "assignees": " ；　; "},
    ),
    Row(
        "H18",
        "rejected",
        "bad_check_digit",
        "bad check digit and bad date: the first reason wins",
        {
            "application_no": bad_check("201910000179"),
            "effective_date": "2023-13-01",
            "assignors": "中山大学",
            "assignees": "广州市海鸥科技有限公司",
        },
    ),
    Row(
        "H19",
        "rejected",
        "bad_date",
        "empty effective date",
        {
            "application_no": A("201910000187"),
            "effective_date": "",
            "assignors": "中山大学",
            "assignees": "广州市海鸥科技有限公司",
        },
    ),
    # ---- out of scope: each reason ----------------------------------------------------------------------
    Row(
        "H20",
        "out_of_scope",
        "not_a_transfer",
        "a licence",
        {
            "application_no": A("201910000195"),
            "legal_event": "专利实施许可合同备案的生效",
            "assignors": "中山大学",
            "assignees": "广州市海鸥科技有限公司",
        },
    ),
    Row(
        "H21",
        "out_of_scope",
        "not_a_transfer",
        "a rename is not a transfer",
        {
            "application_no": A("201910000206"),
            "legal_event": "专利权人的姓名或者名称、地址的变更",
            "assignors": "华南工学院",
            "assignees": "华南理工大学",
        },
    ),
    Row(
        "H22",
        "out_of_scope",
        "after_cutoff",
        "effective the day after the cutoff",
        {
            "application_no": A("201910000214"),
            "effective_date": "2025-11-01",
            "assignors": "中山大学",
            "assignees": "广州市海鸥科技有限公司",
        },
    ),
    Row(
        "H23",
        "in_scope",
        None,
        "effective on the cutoff day",
        {
            "application_no": A("201910000222"),
            "effective_date": "2025年10月31日",
            "assignors": "中山大学",
            "assignees": "广州市海鸥科技有限公司",
        },
        source=("SYSU", "广州", "registry"),
        destination=("广州", "name"),
    ),
    Row(
        "H24",
        "out_of_scope",
        "no_research_transferor",
        "an individual transfers",
        {"application_no": A("201910000230"), "assignors": "张伟", "assignees": "深圳市星河电子有限公司"},
    ),
    Row(
        "H25",
        "out_of_scope",
        "no_enterprise_transferee",
        "to an individual",
        {"application_no": A("201910000249"), "assignors": "暨南大学", "assignees": "李娜"},
    ),
    Row(
        "H26",
        "out_of_scope",
        "no_enterprise_transferee",
        "university to university",
        {"application_no": A("201910000257"), "assignors": "暨南大学", "assignees": "深圳大学"},
    ),
    Row(
        "H27",
        "out_of_scope",
        "outside_gba",
        "an unregistered institute and an enterprise, both without a city",
        {"application_no": A("201910000265"), "assignors": "某某新材料研究院", "assignees": "XYZ Technology Inc."},
    ),
    Row(
        "H28",
        "in_scope",
        None,
        "individuals among the parties: counted past, never named in a mart",
        {
            "application_no": A("201910000273"),
            "assignors": "王芳;暨南大学",
            "assignor_address": "广州市天河区",
            "assignees": "深圳市星河电子有限公司;陈静",
            "assignee_address": "深圳市福田区1号",
        },
        source=("JNU", "广州", "registry"),
        destination=("深圳", "address"),
    ),
    # ---- duplicates and near duplicates -----------------------------------------------------------------
    Row(
        "H30",
        "in_scope",
        None,
        "kept: the first of a registration exported twice",
        {
            "application_no": A("201920000017"),
            "patent_type": "实用新型",
            "effective_date": "2024-01-15",
            "assignors": "华南理工大学",
            "assignees": "东莞市松湖智能有限公司;佛山市顺德家电有限公司",
            "assignee_address": "东莞市松山湖1号",
        },
        source=("SCUT", "广州", "registry"),
        destination=("东莞", "address"),
    ),
    Row(
        "H31",
        "duplicate",
        "duplicate",
        "same registration: other number form, date form, widths, spaces, event text",
        {
            "application_no": "ZL " + A("201920000017").replace(".", ""),
            "patent_type": "实用新型",
            "effective_date": "2024/1/15",
            "legal_event": "专利申请权、专利权的转移",
            "assignors": "  华南理工大学 ",
            "assignees": "东莞市松湖智能有限公司； 佛山市顺德家电有限公司",
            "assignee_address": "东莞市松山湖1号",
        },
        duplicate_of="H30",
    ),
    Row(
        "H32",
        "in_scope",
        None,
        "near duplicate of H30, another effective date: a second transfer",
        {
            "application_no": A("201920000017"),
            "patent_type": "实用新型",
            "effective_date": "2024-01-16",
            "assignors": "华南理工大学",
            "assignees": "东莞市松湖智能有限公司;佛山市顺德家电有限公司",
            "assignee_address": "东莞市松山湖1号",
        },
        source=("SCUT", "广州", "registry"),
        destination=("东莞", "address"),
    ),
    Row(
        "H33",
        "in_scope",
        None,
        "near duplicate of H30, assignees in another order: not the same list",
        {
            "application_no": A("201920000017"),
            "patent_type": "实用新型",
            "effective_date": "2024-01-15",
            "assignors": "华南理工大学",
            "assignees": "佛山市顺德家电有限公司;东莞市松湖智能有限公司",
            "assignee_address": "佛山市顺德区1号",
        },
        source=("SCUT", "广州", "registry"),
        destination=("佛山", "address"),
    ),
    Row(
        "H41",
        "duplicate",
        "duplicate",
        "listed before H40, but the smallest record_id is the one kept",
        {
            "application_no": A("201930000018"),
            "patent_type": "外观设计",
            "assignors": "深圳大学",
            "assignees": "深圳市星河电子有限公司",
        },
        duplicate_of="H40",
    ),
    Row(
        "H40",
        "in_scope",
        None,
        "kept although listed after its copy",
        {
            "application_no": A("201930000018"),
            "patent_type": "外观设计",
            "assignors": "深圳大学",
            "assignees": "深圳市星河电子有限公司",
        },
        source=("SZU", "深圳", "registry"),
        destination=("深圳", "name"),
    ),
    Row(
        "H42",
        "rejected",
        "bad_check_digit",
        "two identical unreadable rows are both rejected, not duplicates",
        {"application_no": bad_check("201910000291"), "assignors": "中山大学", "assignees": "广州市海鸥科技有限公司"},
    ),
    Row(
        "H43",
        "rejected",
        "bad_check_digit",
        "the copy of H42",
        {"application_no": bad_check("201910000291"), "assignors": "中山大学", "assignees": "广州市海鸥科技有限公司"},
    ),
    Row(
        "H44",
        "out_of_scope",
        "not_a_transfer",
        "a pledge exported twice: the first is out of scope",
        {
            "application_no": A("201910000302"),
            "legal_event": "专利权质押合同登记的生效",
            "assignors": "中山大学",
            "assignees": "广州银行股份有限公司",
        },
    ),
    Row(
        "H45",
        "duplicate",
        "duplicate",
        "the copy of H44",
        {
            "application_no": A("201910000302"),
            "legal_event": "专利权质押合同登记的生效",
            "assignors": "中山大学",
            "assignees": "广州银行股份有限公司",
        },
        duplicate_of="H44",
    ),
    # ---- number and date forms, Macau, postcodes, a city in the name --------------------------------------
    Row(
        "H50",
        "in_scope",
        None,
        "old 8-digit number, compact and Chinese date forms",
        {
            "application_no": "97101765.4",
            "patent_type": "",
            "application_date": "19970305",
            "grant_date": "2000年3月5日",
            "effective_date": "20230601",
            "assignors": "广东工业大学",
            "assignees": "广州市海鸥科技有限公司",
        },
        source=("GDUT", "广州", "registry"),
        destination=("广州", "name"),
    ),
    Row(
        "H51",
        "in_scope",
        None,
        "lower-case x check character, ZL prefix, IPC with odd spacing",
        {
            "application_no": "zl201911044411.x",
            "ipc_main": "g06f   16/00",
            "ipc_all": "G06F 16/00; H04L 9/00",
            "assignors": "南方科技大学",
            "assignees": "深圳市星河电子有限公司",
        },
        source=("SUSTECH", "深圳", "registry"),
        destination=("深圳", "name"),
    ),
    Row(
        "H52",
        "in_scope",
        None,
        "Macau: Chinese and English addresses",
        {
            "application_no": A("201910000310"),
            "assignors": "澳门科技大学",
            "assignor_address": "澳门氹仔伟龙马路",
            "assignees": "Macau Smart Co., Ltd.",
            "assignee_address": "Taipa, Macau",
        },
        source=("MUST", "澳门", "address"),
        destination=("澳门", "address"),
    ),
    Row(
        "H53",
        "in_scope",
        None,
        "postcode 5284… is 中山, not 528… 佛山",
        {
            "application_no": A("201910000329"),
            "assignors": "电子科技大学中山学院",
            "assignor_address": "528402 学院路1号",
            "assignees": "中山市火炬光电有限公司",
            "assignee_address": "528437 中山市火炬开发区1号",
        },
        source=("UESTCZS", "中山", "address"),
        destination=("中山", "address"),
    ),
    Row(
        "H54",
        "in_scope",
        None,
        "no address: the city named in the enterprise's own name",
        {"application_no": A("201910000337"), "assignors": "佛山大学", "assignees": "深圳市前海微众科技有限公司"},
        source=("FOSU", "佛山", "registry"),
        destination=("深圳", "name"),
    ),
    Row(
        "H55",
        "out_of_scope",
        "outside_gba",
        "both parties outside: 浙江大学 to a 长沙市 enterprise",
        {
            "application_no": A("201910000345"),
            "assignors": "浙江大学",
            "assignees": "湖南岳麓科技有限公司",
            "assignee_address": "长沙市岳麓区1号",
        },
    ),
    Row(
        "H56",
        "in_scope",
        None,
        "outside transferor, GBA transferee: one GBA party is enough",
        {
            "application_no": A("201910000353"),
            "assignors": "浙江大学",
            "assignees": "惠州市仲恺电池有限公司",
            "assignee_address": "惠州市仲恺高新区1号",
        },
        source=("ZJU", "大湾区外", "registry"),
        destination=("惠州", "address"),
    ),
]

HANDMADE_BY_ID = {r.record_id: r for r in HANDMADE}
assert len(HANDMADE_BY_ID) == len(HANDMADE), "record ids repeat"


def write_csv(path: Path, rows: list[dict], encoding: str = "utf-8", columns=contract.COLUMNS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def handmade_rows() -> list[dict]:
    return [r.raw() for r in HANDMADE]


# --- builds --------------------------------------------------------------------------------------------


@dataclass
class Build:
    key: str
    directory: Path
    warehouse: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def target(self) -> Path:
        return self.directory / "target"


WORK = Path(tempfile.mkdtemp(prefix="gba-byo-"))
WORKERS = 2
_QUEUE: queue.Queue = queue.Queue()
_FUTURES: dict[str, Future] = {}
_PROCS: set[subprocess.Popen] = set()
_LOCK = threading.RLock()


def _worker() -> None:
    while True:
        future, job = _QUEUE.get()
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(job())
            except BaseException as error:  # handed to whoever waits on the future
                future.set_exception(error)


for _ in range(WORKERS):  # daemon threads: a session never waits at exit for builds no test asked for
    threading.Thread(target=_worker, daemon=True).start()


def _cleanup() -> None:
    for future in list(_FUTURES.values()):
        future.cancel()
    for proc in list(_PROCS):
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in list(_PROCS):
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    shutil.rmtree(WORK, ignore_errors=True)


atexit.register(_cleanup)


def build_env(directory: Path) -> dict:
    return dict(
        os.environ,
        DBT_TARGET_PATH=str(directory / "target"),
        DBT_LOG_PATH=str(directory / "logs"),
        DBT_PROFILES_DIR=str(ROOT / "profiles"),
    )


def run(cmd: list[str], directory: Path, timeout: float = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """A subprocess that the session's exit stops if it is still running."""
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env or build_env(directory), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    with _LOCK:
        _PROCS.add(proc)
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        with _LOCK:
            _PROCS.discard(proc)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def run_build(
    directory: Path,
    raw: str,
    *dbt_args: str,
    warehouse: Path | None = None,
    key: str = "",
    timeout: float = 600,
    replace: bool = False,
) -> Build:
    """`python -m gba_tech_transfer.pipeline --warehouse … --raw …` in its own directory; waits for it.
    replace: the new warehouse replaces one holding other loads (make build REPLACE=1)."""
    directory.mkdir(parents=True, exist_ok=True)
    warehouse = warehouse or directory / "w.duckdb"
    cmd = [PYTHON, "-m", "gba_tech_transfer.pipeline", "--warehouse", str(warehouse), "--raw", raw]
    cmd += ["--replace"] if replace else []
    if dbt_args:
        cmd += ["--", *dbt_args]
    result = run(cmd, directory, timeout)
    return Build(key, directory, warehouse, result.returncode, result.stdout, result.stderr)


def compile_staging(directory: Path) -> tuple[str, Path]:
    """The staging model's SQL, compiled by dbt, reading a CSV in `directory` (for the parsing tests).

    The model reads the landed records (stg_cnipa__landed_records: every shape in the contract's columns, with
    provenance) less the replaced versions (stg_cnipa__replaced_records); here a read_csv of the contract CSV
    in those columns stands in for the first and an empty relation for the second, so each example re-reads
    the rewritten file.
    """
    directory.mkdir(parents=True, exist_ok=True)
    data = write_csv(directory / "generated.csv", [{c: "" for c in contract.COLUMNS} | {"record_id": "P0"}])
    env = build_env(directory) | {"GBA_DUCKDB_PATH": str(directory / "compile.duckdb")}
    cmd = [str(BIN / "dbt"), "compile", "--select", "stg_cnipa__transfer_records"]
    result = run(cmd, directory, env=env)
    assert result.returncode == 0, result.stdout[-3000:]
    compiled = directory / "target" / "compiled" / "gba_tech_transfer" / "models" / "staging" / "cnipa"
    sql = (compiled / "stg_cnipa__transfer_records.sql").read_text(encoding="utf-8")
    landed = (
        f"(select 1 as load_id, 'generated.csv' as file_name, null as sheet, 1 as row_number, "
        f"{', '.join(contract.COLUMNS)}, 'registration' as effective_date_basis, "
        f"cast(null as varchar) as description, cast(null as boolean) as is_description_read "
        f"from read_csv({sql_literal(data)}, {contract.READ_CSV_OPTIONS}))"
    )
    # One file, one load: no version of it was replaced.
    replaced = "(select cast(null as varchar) as record_id, cast(null as integer) as load_id where false)"
    for model, stand_in in (("stg_cnipa__landed_records", landed), ("stg_cnipa__replaced_records", replaced)):
        inline = "{{ ref('" + model + "') }}"
        cmd = [str(BIN / "dbt"), "--quiet", "compile", "--output", "json", "--inline", inline]
        result = run(cmd, directory, env=env)
        assert result.returncode == 0, result.stdout[-3000:]
        relation = json.loads(result.stdout)["compiled"]
        assert relation in sql, f"the compiled model does not read {relation}"
        sql = sql.replace(relation, stand_in)
    return sql, data


def _inputs() -> dict[str, str]:
    """Every shared build's input, written once: key -> the --raw argument."""
    rows = handmade_rows()
    inputs = WORK / "inputs"
    csv_path = write_csv(inputs / "handmade.csv", rows)
    write_csv(inputs / "handmade-gbk.csv", rows, encoding="gbk")
    write_csv(inputs / "handmade-bom.csv", rows, encoding="utf-8-sig")
    import duckdb

    with duckdb.connect() as con:  # every column text, empty text as '' (not NULL), as a dataframe export has it
        con.execute(
            f"copy (select * from read_csv('{csv_path}', all_varchar = true, header = true, "
            f"allow_quoted_nulls = false, nullstr = '\x01')) to '{inputs / 'handmade.parquet'}' (format parquet)"
        )
    for i in range(3):
        write_csv(inputs / "parts" / f"part-{i + 1}.csv", rows[i::3])
    return {
        "utf8": str(csv_path),
        "gbk": str(inputs / "handmade-gbk.csv"),
        "bom": str(inputs / "handmade-bom.csv"),
        "parquet": str(inputs / "handmade.parquet"),
        "glob": str(inputs / "parts" / "part-*.csv"),
        "again": str(csv_path),
    }


_INPUTS: dict[str, str] = {}
MARTS_ONLY = ("--exclude-resource-type", "test", "--exclude-resource-type", "unit_test")


def start_builds() -> None:
    """Submit every shared job, most needed first (two run at a time); a no-op after the first call."""
    with _LOCK:
        if _FUTURES:
            return
        _INPUTS.update(_inputs())
        # utf8 is the full build every other build is compared with; the others only need the marts (the
        # tests ran on utf8), so they skip dbt's data and unit tests: ~40 % less time each.
        jobs = {
            key: (lambda key=key, raw=raw: run_build(WORK / key, raw, *([] if key == "utf8" else MARTS_ONLY), key=key))
            for key, raw in _INPUTS.items()
        }
        jobs["compile-staging"] = lambda: compile_staging(WORK / "compile-staging")
        for key in ("utf8", "compile-staging", "gbk", "bom", "parquet", "glob", "again"):
            future: Future = Future()
            _FUTURES[key] = future
            _QUEUE.put((future, jobs[key]))


def build(key: str) -> Build:
    start_builds()
    return _FUTURES[key].result()


def job(key: str):
    """The result of a shared job other than a build (e.g. 'compile-staging')."""
    start_builds()
    return _FUTURES[key].result()


def input_path(key: str) -> str:
    start_builds()
    return _INPUTS[key]


# --- reading a warehouse -------------------------------------------------------------------------------


def mart_tables(warehouse: Path, without: set[str] = frozenset()) -> dict[str, list[tuple]]:
    """Every table of schema marts, its rows sorted (as text, NULLs first), for exact comparison; the columns
    named in `without` left out."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' "
                "and table_type = 'BASE TABLE' order by table_name"
            ).fetchall()
        ]
        tables = {}
        for n in names:
            columns = [
                f'"{c}"'
                for (c,) in con.execute(
                    "select column_name from information_schema.columns where table_schema = 'marts' "
                    "and table_name = ? order by ordinal_position",
                    [n],
                ).fetchall()
                if c not in without
            ]
            tables[n] = sorted(con.execute(f'select {", ".join(columns)} from marts."{n}"').fetchall(), key=_sort_key)
        return tables


def _sort_key(row: tuple) -> tuple:
    return tuple((v is not None, str(v)) for v in row)


def figures(warehouse: Path) -> dict[str, float | None]:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(con.execute("select figure_id, actual from marts.published_figure_checks").fetchall())


def leftovers(warehouse: Path) -> list[str]:
    """Files beside a published warehouse other than itself, its Parquet export and the builds' lock file."""
    return sorted(
        p.name
        for p in warehouse.parent.iterdir()
        if p != warehouse and p.name != "parquet" and not p.name.endswith(".build.lock")
    )
