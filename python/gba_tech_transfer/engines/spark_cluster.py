"""A throwaway Spark standalone cluster behind the Spark Thrift Server, for `make test-spark-cluster`.

`temporary_cluster()` starts, from the Spark that pyspark installs (its bin/spark-class and jars):

    master   org.apache.spark.deploy.master.Master                      one JVM
    worker-1 org.apache.spark.deploy.worker.Worker (1 core)             one JVM, its executor another
    worker-2 org.apache.spark.deploy.worker.Worker (1 core)             one JVM, its executor another
    thrift   org.apache.spark.sql.hive.thriftserver.HiveThriftServer2   the driver, submitted to the master

all on 127.0.0.1, on free ports, under one fresh directory /tmp/gba-spark-cluster-*/ (warehouse, Derby
metastore, scratch space, the workers' work dirs, one log per daemon). So a dbt run through it meets what a
user's cluster gives: the export is read and the tables are written by executors in other JVMs, into the
server's warehouse, with the server's metastore, and every value comes back through Thrift.

Memory is capped so the cluster fits beside dbt and the DuckDB build on a shared machine (~6 GiB of heap:
512m per daemon, two 1200m executors, a 2g driver); web UIs are off where Spark lets them be (the driver's)
and bound to loopback on a random port where it does not (master's and workers').

Each daemon is started in its own session (start_new_session) and stopped by process group, SIGTERM then
SIGKILL: the group holds everything the daemon started (a worker's executors are its children; spark-class
execs the JVM). Stopping happens when the `with` block ends, normally, by an exception, by SIGINT, SIGTERM or
SIGHUP. A run killed with SIGKILL cannot stop anything; the next `temporary_cluster()` finds its directory
(owner.pid names a process that is gone), stops the process groups listed in daemons.json whose processes
still name that directory, and any other process naming it, and deletes it (pg_server.py's pattern).

    python -m gba_tech_transfer.engines.spark_cluster [-- command ...]
        starts the cluster, prints where each log is, runs the command with GBA_SPARK_THRIFT_* set (default:
        a query through Thrift), and stops it.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from .processes import free_port, pid_alive, signals_raise

PREFIX = "gba-spark-cluster-"
START_TIMEOUT = float(os.environ.get("GBA_SPARK_CLUSTER_START_TIMEOUT", "240"))
STOP_TIMEOUT = 30.0
WORKERS = 2
DAEMON_MEMORY = os.environ.get("GBA_SPARK_CLUSTER_DAEMON_MEMORY", "512m")
EXECUTOR_MEMORY = os.environ.get("GBA_SPARK_CLUSTER_EXECUTOR_MEMORY", "1200m")
DRIVER_MEMORY = os.environ.get("GBA_SPARK_CLUSTER_DRIVER_MEMORY", "2g")
THRIFT_USER = "dbt"


class ClusterError(RuntimeError):
    pass


@dataclasses.dataclass
class Daemon:
    name: str
    process: subprocess.Popen
    log: Path

    @property
    def pgid(self) -> int:
        return self.process.pid  # start_new_session: the daemon leads its own group


@dataclasses.dataclass
class Cluster:
    root: Path
    master_url: str
    thrift_host: str
    thrift_port: int
    logs: dict[str, Path]

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse"

    def env(self) -> dict[str, str]:
        """The profile's variables for target spark_cluster."""
        return {
            "GBA_SPARK_THRIFT_HOST": self.thrift_host,
            "GBA_SPARK_THRIFT_PORT": str(self.thrift_port),
            "GBA_SPARK_THRIFT_USER": THRIFT_USER,
            "GBA_SPARK_CLUSTER_DIR": str(self.root),
        }


def spark_home() -> Path:
    """The Spark that pyspark ships (bin/spark-class, jars/ with spark-hive-thriftserver)."""
    if os.environ.get("SPARK_HOME"):
        return Path(os.environ["SPARK_HOME"])
    try:
        import pyspark
    except ImportError:
        raise ClusterError("pyspark is not installed: make .venv/.installed-spark") from None
    home = Path(pyspark.__file__).parent
    if not (home / "bin" / "spark-class").exists() or not glob.glob(
        str(home / "jars" / "spark-hive-thriftserver_*.jar")
    ):
        raise ClusterError(
            f"{home} has no bin/spark-class or no spark-hive-thriftserver jar: set SPARK_HOME to a Spark 3.5 "
            "distribution built with -Phive-thriftserver"
        )
    return home


# --- processes that name a directory ----------------------------------------------------------------------


def processes_naming(text: str) -> dict[int, str]:
    """{pid: command line} of every process whose command line holds `text` (this process excepted)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline:
            found[int(entry)] = cmdline
    return found


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None


def _group_alive(pgid: int) -> bool:
    """Whether any process of the group is running: a zombie (an exited daemon that is our child and not yet
    reaped) does not count, though killpg(pgid, 0) would still find it."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ')'
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def _stop_groups(pgids: list[int], timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM each process group (in order, so the driver goes before the workers it uses), wait, then
    SIGKILL what is left."""
    for pgid in pgids:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _group_alive(pgid) and time.monotonic() < deadline:
            time.sleep(0.2)
    for pgid in pgids:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while any(_group_alive(pgid) for pgid in pgids) and time.monotonic() < deadline:
        time.sleep(0.1)


def _stop_directory(root: Path, pgids: list[int]) -> None:
    """Stop the listed groups that still hold a process naming `root`, then any other process naming it."""
    naming = processes_naming(str(root))
    live_groups = {_pgid(pid) for pid in naming} - {None}
    _stop_groups([g for g in pgids if g in live_groups] + sorted(live_groups - set(pgids)))
    for pid in processes_naming(str(root)):  # a process that left its group
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def remove_orphans() -> list[Path]:
    """Stop and delete the clusters of runs that were killed before they could clean up; return their roots."""
    removed = []
    for root in map(Path, glob.glob(os.path.join(tempfile.gettempdir(), PREFIX + "*"))):
        try:
            owner = int((root / "owner.pid").read_text().strip())
        except (OSError, ValueError):
            continue
        if owner == os.getpid() or pid_alive(owner):
            continue
        try:
            pgids = [d["pgid"] for d in json.loads((root / "daemons.json").read_text())]
        except (OSError, ValueError, KeyError, TypeError):
            pgids = []
        print(f"spark_cluster: stopping what run {owner} (gone) left in {root}", file=sys.stderr, flush=True)
        _stop_directory(root, pgids)
        shutil.rmtree(root, ignore_errors=True)
        removed.append(root)
    return removed


# --- start-up ---------------------------------------------------------------------------------------------


def _wait_for(what: str, ready, daemons: list[Daemon], deadline: float) -> None:
    """Poll ready() until it is true; fail clearly if a daemon exits or the deadline passes."""
    while True:
        for daemon in daemons:
            if daemon.process.poll() is not None:
                raise ClusterError(
                    f"{daemon.name} exited (code {daemon.process.returncode}) while waiting for "
                    f"{what}; its log {daemon.log}:\n{_tail(daemon.log)}"
                )
        if ready():
            return
        if time.monotonic() > deadline:
            logs = "\n".join(f"  {d.name}: {d.log}" for d in daemons)
            raise ClusterError(
                f"timed out after {START_TIMEOUT:.0f} s waiting for {what} "
                f"(GBA_SPARK_CLUSTER_START_TIMEOUT); logs:\n{logs}\nlast lines of {daemons[-1].log}:\n"
                f"{_tail(daemons[-1].log)}"
            )
        time.sleep(0.5)


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _log_has(path: Path, text: str) -> bool:
    try:
        return text in path.read_text(errors="replace")
    except OSError:
        return False


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _thrift_answers(port: int) -> bool:
    """A query that needs executors (two partitions, a shuffle) answers through Thrift."""
    if not _port_open(port):
        return False
    from pyhive import hive

    try:
        with contextlib.closing(hive.connect(host="127.0.0.1", port=port, username=THRIFT_USER)) as con:
            cursor = con.cursor()
            cursor.execute("select count(distinct id % 7) from range(0, 1000, 1, 2)")
            return cursor.fetchone()[0] == 7
    except Exception:  # the server takes a while to accept sessions after its port opens
        return False


def _start(name: str, cmd: list[str], env: dict[str, str], root: Path, daemons: list[Daemon]) -> Daemon:
    log = root / "logs" / f"{name}.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            cmd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=root,
            start_new_session=True,
        )
    daemon = Daemon(name, process, log)
    daemons.append(daemon)
    # Written at once, so a SIGKILL between two starts still leaves every group to the next run.
    (root / "daemons.json").write_text(json.dumps([{"name": d.name, "pgid": d.pgid} for d in daemons]))
    return daemon


@contextlib.contextmanager
def _no_interrupts() -> Iterator[None]:
    """While stopping: a second Ctrl-C or SIGTERM must not cut the stop short."""
    previous = {}
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        with contextlib.suppress(ValueError):
            previous[sig] = signal.signal(sig, signal.SIG_IGN)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextlib.contextmanager
def temporary_cluster(progress=print) -> Iterator[Cluster]:
    """Start master, workers and Thrift server; stop them all and delete their directory afterwards."""
    remove_orphans()
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        raise ClusterError("Spark needs a Java runtime (17): apt-get install openjdk-17-jre-headless")
    home = spark_home()
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    (root / "owner.pid").write_text(str(os.getpid()))
    for sub in ("logs", "conf", "local", "warehouse"):
        (root / sub).mkdir()
    daemons: list[Daemon] = []
    started = time.monotonic()
    try:
        with signals_raise():
            master_port, thrift_port = free_port(), free_port()
            master_url = f"spark://127.0.0.1:{master_port}"
            # Every JVM's command line names `root` (SPARK_CONF_DIR is on its classpath; -Dgba.cluster.root),
            # which is how a later run recognises what this one left.
            base_env = {
                **os.environ,
                "SPARK_HOME": str(home),
                "SPARK_CONF_DIR": str(root / "conf"),
                "SPARK_LOG_DIR": str(root / "logs"),
                "SPARK_LOCAL_IP": "127.0.0.1",
                "SPARK_LOCAL_DIRS": str(root / "local"),
                "SPARK_DAEMON_MEMORY": DAEMON_MEMORY,
                "SPARK_DAEMON_JAVA_OPTS": f"-Dgba.cluster.root={root} -Duser.timezone=UTC",
                "SPARK_NO_DAEMONIZE": "1",
            }
            for variable in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "SPARK_MASTER_HOST", "SPARK_WORKER_CORES"):
                base_env.pop(variable, None)
            spark_class = str(home / "bin" / "spark-class")
            deadline = started + START_TIMEOUT

            master = _start(
                "master",
                [
                    spark_class,
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(master_port),
                    "--webui-port",
                    "0",
                ],
                base_env,
                root,
                daemons,
            )
            _wait_for(
                "the master",
                lambda: _port_open(master_port) and _log_has(master.log, "I have been elected leader"),
                daemons,
                deadline,
            )
            workers = []
            for n in range(1, WORKERS + 1):
                work_dir = root / f"worker-{n}"
                workers.append(
                    _start(
                        f"worker-{n}",
                        [
                            spark_class,
                            "org.apache.spark.deploy.worker.Worker",
                            "--host",
                            "127.0.0.1",
                            "--webui-port",
                            "0",
                            "--cores",
                            "1",
                            "--memory",
                            EXECUTOR_MEMORY,
                            "--work-dir",
                            str(work_dir),
                            master_url,
                        ],
                        base_env,
                        root,
                        daemons,
                    )
                )

            java_options = f"-Dgba.cluster.root={root} -Duser.timezone=UTC"
            metastore = f"jdbc:derby:;databaseName={root / 'metastore_db'};create=true"
            confs = {
                "spark.ui.enabled": "false",
                "spark.driver.host": "127.0.0.1",
                "spark.driver.bindAddress": "127.0.0.1",
                "spark.driver.memory": DRIVER_MEMORY,
                "spark.executor.memory": EXECUTOR_MEMORY,
                "spark.executor.cores": "1",
                "spark.cores.max": str(WORKERS),
                "spark.driver.extraJavaOptions": f"-Dderby.system.home={root} {java_options}",
                "spark.executor.extraJavaOptions": java_options,
                # The server's warehouse and metastore: tables are written here by the executors, not by dbt.
                "spark.sql.warehouse.dir": f"file:{root / 'warehouse'}",
                "spark.hadoop.javax.jdo.option.ConnectionURL": metastore,
                "spark.sql.catalogImplementation": "hive",
                "spark.local.dir": str(root / "local"),
                "spark.log.level": "WARN",
                # Small jobs (most of a dbt build: every data test is one) would otherwise wait up to 3 s
                # (the default) for the executor holding their input to be free, with the other one idle.
                "spark.locality.wait": "0s",
                # dbt's threads are concurrent sessions: a data test's small job need not queue behind a model's.
                "spark.scheduler.mode": "FAIR",
                # A client reading a whole mart (a BI tool; make bench's comparison at x10) gets it a partition at
                # a time: collected at once, x10's marts were lost from the executors' block managers
                # (TaskResultLost) under their 1200m.
                "spark.sql.thriftServer.incrementalCollect": "true",
            }
            _start(
                "thrift",
                [
                    spark_class,
                    "org.apache.spark.deploy.SparkSubmit",
                    "--master",
                    master_url,
                    "--class",
                    "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2",
                    "--name",
                    "gba-thrift-server",
                    *[arg for key, value in confs.items() for arg in ("--conf", f"{key}={value}")],
                    "spark-internal",
                    "--hiveconf",
                    "hive.server2.thrift.bind.host=127.0.0.1",
                    "--hiveconf",
                    f"hive.server2.thrift.port={thrift_port}",
                    "--hiveconf",
                    "hive.server2.transport.mode=binary",
                ],
                base_env,
                root,
                daemons,
            )
            # The Thrift server's start-up (JVM, Hive client, metastore schema) overlaps the workers' registration.
            _wait_for(
                f"{WORKERS} workers to register",
                lambda: all(_log_has(w.log, "Successfully registered with master") for w in workers),
                daemons,
                deadline,
            )
            logs = {d.name: d.log for d in daemons}
            progress(f"Spark cluster in {root}; logs:\n" + "\n".join(f"  {name}: {log}" for name, log in logs.items()))
            _wait_for(
                f"the Thrift server on 127.0.0.1:{thrift_port} to answer a query on the executors",
                lambda: _thrift_answers(thrift_port),
                daemons,
                deadline,
            )
            executors = sum(_log_has(w.log, "Asked to launch executor") for w in workers)
            progress(
                f"Spark cluster ready in {time.monotonic() - started:.0f} s: master {master_url}, {WORKERS} workers "
                f"({executors} running an executor), Thrift server 127.0.0.1:{thrift_port}"
            )
            yield Cluster(root, master_url, "127.0.0.1", thrift_port, logs)
    finally:
        with _no_interrupts():
            stopping = time.monotonic()
            # The driver first (it releases its executors), then the workers (and any executor), the master last.
            _stop_groups([d.pgid for d in reversed(daemons)])
            _stop_directory(root, [])
            for daemon in daemons:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    daemon.process.wait(timeout=5)  # reap
            progress(f"Spark cluster stopped in {time.monotonic() - stopping:.0f} s")
            if os.environ.get("GBA_SPARK_CLUSTER_KEEP_LOGS"):
                kept = Path(os.environ["GBA_SPARK_CLUSTER_KEEP_LOGS"])
                shutil.copytree(root / "logs", kept, dirs_exist_ok=True)
                progress(f"Spark cluster logs kept in {kept}")
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="command to run against the cluster (after --)")
    args = parser.parse_args(argv)
    command = [c for c in args.command if c != "--"]
    try:
        with temporary_cluster(progress=lambda text: print(text, flush=True)) as cluster:
            if not command:
                from pyhive import hive

                with contextlib.closing(
                    hive.connect(host=cluster.thrift_host, port=cluster.thrift_port, username=THRIFT_USER)
                ) as con:
                    cursor = con.cursor()
                    cursor.execute("select version()")
                    print("Spark", cursor.fetchone()[0], flush=True)
                return 0
            return subprocess.run(command, env={**os.environ, **cluster.env()}).returncode
    except ClusterError as error:
        print(f"spark_cluster: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("spark_cluster: interrupted; cluster stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
