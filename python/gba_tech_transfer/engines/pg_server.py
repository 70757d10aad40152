"""A throwaway PostgreSQL server for `make test-postgres` and the benchmark.

`temporary_server()` initialises a cluster in a fresh temporary directory, starts it on a free loopback port
(never a Unix socket anyone else uses, never the machine's default 5432), creates the database, and stops
the server and deletes the directory when the `with` block ends, whether it ends normally, by an exception,
or by SIGINT/SIGTERM/SIGHUP.

PostgreSQL refuses to run as root: when we are root, initdb, pg_ctl and the server run as the `postgres`
user (Debian's package creates it) through runuser; otherwise as ourselves. The binaries come from
$GBA_PG_BIN, else the newest /usr/lib/postgresql/<version>/bin, else PATH.

A run killed with SIGKILL cannot clean up after itself; the next `temporary_server()` stops and removes
any server whose owning process is gone (their directories are /tmp/gba-pg-*/ with an owner.pid file).

    python -m gba_tech_transfer.engines.pg_server -- psql -c 'select version()'
        runs one command with PGHOST/PGPORT/PGUSER/PGDATABASE (and GBA_PG_*) pointing at a temporary server.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .processes import free_port, pid_alive, signals_raise

PREFIX = "gba-pg-"
DATABASE = "gba_tech_transfer"
SUPERUSER = "postgres"

# A scratch server: durability off (a crash loses nothing we need), memory sized for a laptop or CI runner.
TEST_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "256MB",
    "work_mem": "64MB",
    "maintenance_work_mem": "256MB",
    "max_wal_size": "2GB",
}


@dataclasses.dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    database: str
    data_dir: Path

    def env(self) -> dict[str, str]:
        """Environment for clients: libpq's PG* variables and the profile's GBA_PG_* variables."""
        return {
            "PGHOST": self.host,
            "PGPORT": str(self.port),
            "PGUSER": self.user,
            "PGDATABASE": self.database,
            "GBA_PG_HOST": self.host,
            "GBA_PG_PORT": str(self.port),
            "GBA_PG_USER": self.user,
            "GBA_PG_DATABASE": self.database,
        }

    def dsn(self) -> str:
        return f"host={self.host} port={self.port} user={self.user} dbname={self.database}"


def bin_dir() -> Path | None:
    if os.environ.get("GBA_PG_BIN"):
        return Path(os.environ["GBA_PG_BIN"])
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
    )
    return Path(candidates[-1]) if candidates else None


def _tool(name: str) -> str:
    directory = bin_dir()
    if directory and (directory / name).exists():
        return str(directory / name)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(
            f"PostgreSQL's {name} not found: install the server (Debian: apt-get install postgresql-15) "
            "or point GBA_PG_BIN at its bin directory"
        )
    return found


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    try:
        pwd.getpwnam(SUPERUSER)
    except KeyError:
        raise RuntimeError("running as root, and there is no `postgres` user to run PostgreSQL as") from None
    return ["runuser", "-u", SUPERUSER, "--", *cmd]


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(_as_server_user(cmd), check=True, text=True, capture_output=True, **kwargs)


def _stop(data_dir: Path) -> None:
    if (data_dir / "postmaster.pid").exists():
        subprocess.run(
            _as_server_user([_tool("pg_ctl"), "-D", str(data_dir), "-m", "fast", "-w", "-t", "60", "stop"]),
            text=True,
            capture_output=True,
        )


def remove_orphans() -> None:
    """Stop and delete servers left by runs that were killed before they could clean up."""
    for root in glob.glob(os.path.join(tempfile.gettempdir(), PREFIX + "*")):
        owner = Path(root) / "owner.pid"
        try:
            pid = int(owner.read_text().strip())
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and not pid_alive(pid):
            _stop(Path(root) / "data")
            shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def temporary_server(settings: dict[str, str] | None = None, keep: bool = False) -> Iterator[Server]:
    """Start a PostgreSQL server in a temporary directory; stop it and delete the directory afterwards."""
    remove_orphans()
    settings = TEST_SETTINGS if settings is None else settings
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    data_dir = root / "data"
    log_file = root / "server.log"
    (root / "owner.pid").write_text(str(os.getpid()))
    os.chmod(root, 0o755)
    if os.geteuid() == 0:
        server_user = pwd.getpwnam(SUPERUSER)
        os.chown(root, server_user.pw_uid, server_user.pw_gid)
    started = False
    try:
        with signals_raise():
            _run(
                [
                    _tool("initdb"),
                    "-D",
                    str(data_dir),
                    "-U",
                    SUPERUSER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--lc-ctype=C.UTF-8",
                    "--no-sync",
                ]
            )
            port = free_port()
            options = " ".join(
                [f"-p {port}", "-c listen_addresses=127.0.0.1", f"-c unix_socket_directories={root}"]
                + [f"-c {key}={value}" for key, value in settings.items()]
            )
            try:
                _run(
                    [
                        _tool("pg_ctl"),
                        "-D",
                        str(data_dir),
                        "-l",
                        str(log_file),
                        "-o",
                        options,
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ]
                )
            except subprocess.CalledProcessError as error:
                tail = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
                raise RuntimeError(f"PostgreSQL did not start:\n{error.stdout}{error.stderr}\n{tail}") from error
            started = True
            server = Server("127.0.0.1", port, SUPERUSER, DATABASE, data_dir)
            psql = [_tool("psql"), "-h", server.host, "-p", str(port), "-U", SUPERUSER, "-v", "ON_ERROR_STOP=1", "-q"]
            subprocess.run([*psql, "-d", "postgres", "-c", f"create database {DATABASE}"], check=True)
            yield server
    finally:
        if started:
            _stop(data_dir)
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def server_version(server: Server) -> str:
    out = subprocess.run(
        [
            _tool("psql"),
            "-h",
            server.host,
            "-p",
            str(server.port),
            "-U",
            server.user,
            "-d",
            server.database,
            "-At",
            "-c",
            "show server_version",
        ],
        check=True,
        text=True,
        capture_output=True,
    )
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="command to run against the server (after --)")
    args = parser.parse_args(argv)
    command = [c for c in args.command if c != "--"] or ["psql", "-c", "select version()"]
    with temporary_server() as server:
        print(f"PostgreSQL {server_version(server)} on {server.host}:{server.port} ({server.data_dir})", flush=True)
        return subprocess.run(command, env={**os.environ, **server.env()}).returncode


if __name__ == "__main__":
    sys.exit(main())
