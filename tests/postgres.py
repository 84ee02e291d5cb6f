"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder, listening on
127.0.0.1 only, on a free port, with trust authentication, stopped and removed afterwards.

It never touches a system cluster: `initdb` writes into a fresh folder and `pg_ctl` starts the
server from there. As root (CI), the server runs as the `postgres` system user (`initdb` refuses
root). Durability is switched off (fsync, synchronous_commit, full_page_writes): nothing here
outlives the test session.

    with TemporaryPostgres.start() as server:
        url = server.create_database()  # postgresql+psycopg://postgres@127.0.0.1:PORT/test_1
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from harness import free_port  # tests/harness.py

SUPERUSER = "postgres"
SYSTEM_USER = "postgres"  # who runs the server when we are root
INSTALL_HINT = (
    "PostgreSQL's server binaries (initdb, pg_ctl, postgres) were not found under "
    "/usr/lib/postgresql/*/bin nor in `pg_config --bindir`. Install them with "
    "`make postgresql` (Debian: `apt-get install postgresql`), or point "
    "FRONTLINE_TEST_PG_BINDIR at a folder holding them."
)
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",  # no replica: CREATE DATABASE is about twice as fast
    "max_wal_senders": "0",
    "max_connections": "200",
    "shared_buffers": "32MB",
    "logging_collector": "off",
    "log_min_messages": "warning",
    "timezone": "'UTC'",
}


class PostgresNotFound(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


class PostgresFailed(RuntimeError):
    """initdb or the server failed; the message carries their output."""


def _version_key(bindir: str) -> tuple[int, ...]:
    match = re.search(r"/postgresql/([\d.]+)/bin", bindir)
    return tuple(int(p) for p in match.group(1).split(".") if p) if match else ()


def find_bindir() -> Path:
    """The folder of initdb/pg_ctl/postgres: FRONTLINE_TEST_PG_BINDIR, else Debian's newest
    /usr/lib/postgresql/N/bin, else `pg_config --bindir`."""
    candidates = []
    if os.environ.get("FRONTLINE_TEST_PG_BINDIR"):
        candidates.append(os.environ["FRONTLINE_TEST_PG_BINDIR"])
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    if shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                ["pg_config", "--bindir"], capture_output=True, text=True, timeout=10, check=True
            )
            candidates.append(out.stdout.strip())
    for folder in candidates:
        path = Path(folder)
        if all(os.access(path / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres")):
            return path
    raise PostgresNotFound(INSTALL_HINT)


@dataclass
class TemporaryPostgres:
    """A running throwaway server. `start()` makes one; `stop()` (also at exit) removes it."""

    bindir: Path
    root: Path  # the temporary folder: data/, the socket and the log
    port: int
    as_root: bool
    _owner_pid: int = field(default_factory=os.getpid)
    _databases: int = 0
    _admin: object = None  # a psycopg connection to the `postgres` database, autocommit
    _maker: ThreadPoolExecutor | None = None  # makes the next test's database in advance
    _next: Future | None = None
    _maker_connection: object = None  # the maker thread's own connection
    _running: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    # -- life cycle ---------------------------------------------------------------------------

    @classmethod
    def start(cls, bindir: Path | None = None, attempts: int = 3) -> TemporaryPostgres:
        bindir = bindir or find_bindir()
        as_root = os.geteuid() == 0
        root = Path(tempfile.mkdtemp(prefix="frontline-pg-"))
        server = cls(bindir=bindir, root=root, port=0, as_root=as_root)
        atexit.register(server.stop)
        try:
            began = time.perf_counter()
            server._initdb()
            server.timings["initdb"] = time.perf_counter() - began
            for attempt in range(attempts):  # a free port can be taken before the server binds
                server.port = free_port()
                began = time.perf_counter()
                try:
                    log = str(root / "server.log")
                    server._pg_ctl("start", "-w", "-t", "60", "-l", log, "-o", f"-p {server.port}")
                    break
                except PostgresFailed:
                    if attempt == attempts - 1:
                        raise
            server._running = True
            server.timings["start"] = time.perf_counter() - began
        except BaseException:
            server.stop()
            raise
        return server

    def stop(self) -> None:
        """Stop the server (fast: open sessions are ended) and remove its folder. Idempotent;
        only the process that started it acts (a forked child must not)."""
        if os.getpid() != self._owner_pid:
            return
        began = time.perf_counter()
        if self._maker is not None:
            self._maker.shutdown(wait=True, cancel_futures=True)  # at most one CREATE DATABASE
            self._maker = self._next = None
        for connection in (self._admin, self._maker_connection):
            if connection is not None:
                with contextlib.suppress(Exception):
                    connection.close()
        self._admin = self._maker_connection = None
        if self._running or (self.data / "postmaster.pid").exists():
            try:
                self._pg_ctl("stop", "-m", "fast", "-w", "-t", "30")
            except (PostgresFailed, OSError, subprocess.SubprocessError):
                self._kill_postmaster()
            self._running = False
        if self.root.exists():
            shutil.rmtree(self.root, ignore_errors=True)
            self.timings["stop"] = time.perf_counter() - began
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)

    def __enter__(self) -> TemporaryPostgres:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- databases ----------------------------------------------------------------------------

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _connect(self):
        import psycopg

        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        )

    def execute(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self._admin is None or self._admin.closed:
            self._admin = self._connect()
        with self._admin.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall() if cur.description else []

    def create_database(self) -> str:
        """A new empty database (a copy of template1); its SQLAlchemy URL. The next one is made
        in a background thread meanwhile, so a test does not wait for its own."""
        if self._maker is None:
            self._maker = ThreadPoolExecutor(1, thread_name_prefix="frontline-pg")
        if self._next is None:
            self._next = self._maker.submit(self._make_database)
        name = self._next.result()
        self._next = self._maker.submit(self._make_database)
        return self.url(name)

    def _make_database(self) -> str:
        """In the maker thread, on its own connection."""
        if self._maker_connection is None:
            self._maker_connection = self._connect()
        self._databases += 1
        name = f"test_{self._databases}"
        # FILE_COPY (PostgreSQL 15's default is WAL_LOG): ~0.1 s instead of ~0.4 s, fsync being off
        version = self._maker_connection.info.server_version
        strategy = " STRATEGY = FILE_COPY" if version >= 150000 else ""
        self._maker_connection.execute(f'CREATE DATABASE "{name}"{strategy}')
        return name

    def drop_database(self, url_or_name: str) -> None:
        """Drop a database made by `create_database`, ending the sessions still open on it
        (pooled engines a test left behind)."""
        name = url_or_name.rsplit("/", 1)[-1]
        self.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        self.execute(f'DROP DATABASE IF EXISTS "{name}"')

    # -- plumbing -----------------------------------------------------------------------------

    def _run(self, *argv: str, timeout: float = 120) -> str:
        command = [*argv]
        if self.as_root:
            command = ["runuser", "-u", SYSTEM_USER, "--", *command]
        try:
            done = subprocess.run(
                command,
                cwd=self.root,
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "LC_ALL": "C"},
            )
        except subprocess.TimeoutExpired as error:
            raise PostgresFailed(f"{' '.join(command)} timed out{self._log_tail()}") from error
        if done.returncode != 0:
            raise PostgresFailed(
                f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
                f"{self._log_tail()}"
            )
        return done.stdout

    def _initdb(self) -> None:
        if self.as_root:
            try:
                shutil.chown(self.root, user=SYSTEM_USER, group=None)
            except (LookupError, PermissionError) as error:
                raise PostgresFailed(
                    f"as root the server runs as the {SYSTEM_USER!r} system user, which is "
                    f"missing ({error}); Debian's postgresql package creates it"
                ) from error
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
            "--no-instructions",
        )
        # Only the socket in our folder and 127.0.0.1: no other host, no IPv6, no system socket.
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n"
        )
        settings = {**SETTINGS, "unix_socket_directories": f"'{self.root}'"}
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("\n# frontline tests\n")
            conf.writelines(f"{k} = {v}\n" for k, v in settings.items())

    def _pg_ctl(self, *args: str) -> str:
        return self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), *args)

    def _kill_postmaster(self) -> None:
        """Last resort when pg_ctl cannot stop it: SIGQUIT (immediate shutdown), then SIGKILL."""
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            os.kill(pid, signal.SIGQUIT)
            for _ in range(50):
                time.sleep(0.1)
                os.kill(pid, 0)  # raises once it is gone
            os.kill(pid, signal.SIGKILL)

    def _log_tail(self, lines: int = 20) -> str:
        log = self.root / "server.log"
        if not log.exists():
            return ""
        tail = log.read_text(errors="replace").splitlines()[-lines:]
        return "\nserver.log:\n" + "\n".join(tail)
