"""The throwaway Spark cluster leaves nothing behind: interrupted by Ctrl-C (SIGINT) while in use, by SIGTERM
while starting, or killed outright (SIGKILL, while starting) and reaped by the next run.

Each test starts `python -m gba_tech_transfer.engines.spark_cluster -- sleep 600` (master, two workers, the Thrift
server, two executors), interrupts it, then checks that no process names the cluster's directory, that
every port the cluster's processes listened on is free, and that the directory is gone. Run by `make
test-spark-cluster` (GBA_SPARK_CLUSTER_TESTS=1); skipped in `make test` (each test starts a cluster: half a
minute to a minute each on a 2-core machine).
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gba_tech_transfer.engines.spark_cluster import processes_naming, remove_orphans

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable

pytestmark = pytest.mark.skipif(
    os.environ.get("GBA_SPARK_CLUSTER_TESTS") != "1", reason="starts Spark clusters: make test-spark-cluster"
)


@pytest.fixture(autouse=True)
def sigterm_raises():
    """pytest dies on SIGTERM (`timeout`, a CI runner) without running `finally`; make it run them, so a cluster
    a test started is stopped too."""

    def handler(signum, _frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    yield
    signal.signal(signal.SIGTERM, previous)


def listening_ports(pids) -> set[int]:
    """TCP ports in LISTEN state held by any of `pids` (their socket inodes matched in /proc/net/tcp*)."""
    inodes = set()
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with_target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if with_target.startswith("socket:["):
                    inodes.add(with_target[8:-1])
        except OSError:
            continue
    return {port for port, inode in _listening() if inode in inodes}


def _listening() -> list[tuple[int, str]]:
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as handle:
            for line in handle.readlines()[1:]:
                fields = line.split()
                if fields[3] == "0A":  # LISTEN
                    found.append((int(fields[1].rsplit(":", 1)[1], 16), fields[9]))
    return found


class Run:
    """The cluster CLI in its own session (so a signal to its group reaches it alone, as Ctrl-C would reach a
    terminal's foreground job), its output read line by line."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [PYTHON, "-u", "-m", "gba_tech_transfer.engines.spark_cluster", "--", "sleep", "600"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.output: list[str] = []
        self.root: Path | None = None

    def wait_for(self, pattern: str, timeout: float = 300) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.output:
                if match := re.search(pattern, line):
                    return match
            if self.process.poll() is not None and not select.select([self.process.stdout], [], [], 0)[0]:
                break
            ready, _, _ = select.select([self.process.stdout], [], [], 1)
            if ready:
                line = self.process.stdout.readline()
                if line:
                    self.output.append(line)
                    if self.root is None and (m := re.search(r"Spark cluster in (\S+);", line)):
                        self.root = Path(m.group(1))
        raise AssertionError(f"no line matching {pattern!r}; output:\n{''.join(self.output)[-3000:]}")

    def stop(self) -> None:
        """After a failed assertion (or this test being stopped): stop the cluster the way a user would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        remove_orphans()

    def finish(self, timeout: float = 120) -> int:
        try:
            self.process.wait(timeout=timeout)
        finally:
            self.output += self.process.stdout.readlines() if self.process.stdout else []
        return self.process.returncode


def _assert_nothing_left(root: Path, ports: set[int]) -> None:
    deadline = time.monotonic() + 20
    while processes_naming(str(root)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not processes_naming(str(root)), f"left running: {processes_naming(str(root))}"
    still = ports & {port for port, _ in _listening()}
    assert not still, f"ports still listening: {sorted(still)}"
    assert not root.exists(), f"{root} not deleted"


def _jvms_at_least(root: Path, n: int) -> dict[int, str]:
    """The processes naming `root` once n of them are JVMs (a daemon's spark-class may still be launching it)."""
    deadline = time.monotonic() + 60
    while True:
        processes = processes_naming(str(root))
        if len([c for c in processes.values() if "java" in c]) >= n or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len([c for c in processes.values() if "java" in c]) >= n, processes
    return processes


def _cluster_processes(root: Path) -> dict[int, str]:
    processes = processes_naming(str(root))
    # master, two workers, the Thrift server's JVM and at least one executor (the CLI's sleep names no root)
    jvms = [cmd for cmd in processes.values() if "java" in cmd]
    assert len(jvms) >= 5, f"expected master, 2 workers, driver, executors; found {len(jvms)}:\n" + "\n".join(jvms)
    assert any("CoarseGrainedExecutorBackend" in cmd for cmd in jvms), "no executor JVM"
    return processes


def test_ctrl_c_while_in_use_stops_everything():
    run = Run()
    try:
        run.wait_for(r"Spark cluster ready")
        processes = _cluster_processes(run.root)
        ports = listening_ports(processes)
        assert len(ports) >= 4, ports
        os.killpg(run.process.pid, signal.SIGINT)  # the whole foreground job, as a terminal's Ctrl-C
        code = run.finish()
    finally:
        run.stop()
    assert code != 0
    assert "Spark cluster stopped" in "".join(run.output)
    _assert_nothing_left(run.root, ports)


def test_sigterm_while_starting_stops_everything():
    run = Run()
    try:
        # Midway through the start-up: the master and both workers registered, the Thrift server's JVM starting.
        run.wait_for(r"Spark cluster in ")
        processes = _jvms_at_least(run.root, 4)
        ports = listening_ports(processes)
        run.process.send_signal(signal.SIGTERM)  # what `timeout` or a CI runner sends
        code = run.finish()
    finally:
        run.stop()
    assert code != 0
    _assert_nothing_left(run.root, ports)


def test_sigkill_leaves_orphans_that_the_next_run_reaps():
    run = Run()
    try:
        # Killed while starting: master and workers registered, the Thrift server's JVM starting.
        run.wait_for(r"Spark cluster in ")
        processes = _jvms_at_least(run.root, 4)
        ports = listening_ports(processes)
        run.process.kill()  # SIGKILL: no clean-up can run
        run.finish()
        time.sleep(1)
        # The daemons outlive their owner (their own sessions): without reaping they would run on.
        assert processes_naming(str(run.root)), "the daemons died with their owner; nothing for the reaper to do"
        reaped = remove_orphans()  # the first thing the next temporary_cluster() does
        assert run.root in reaped
        _assert_nothing_left(run.root, ports | listening_ports(processes))
    finally:
        run.stop()
