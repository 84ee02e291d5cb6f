"""The dashboard in a real browser, for the browser tests and the map benchmark: serve it on a
free port in its own process group, and launch Debian's headless Chromium (never a downloaded
one). Playwright is a test extra, so it is imported only when a browser is launched.

A harness, not part of the app: it lives with the tests (pytest puts tests/ on sys.path, as
tests/conftest.py is there) and `benchmarks/map_render.py` adds this folder to sys.path itself.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from frontline.config import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dashboard(env: dict[str, str], log: Path, timeout: float = 60) -> Iterator[tuple[str, int]]:
    """`frontline run` with `env`, output to `log`: yields its address and process id, and ends
    the server with everything it started."""
    port = free_port()
    command = [sys.executable, "-m", "frontline", "run", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    try:
        _wait_for(port, proc, log, timeout)
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def synthetic_dataset(events: int, out: Path, places: int | None = None) -> dict[str, str]:
    """Write `events` synthetic events (over `places` places, when given) to `out`
    (benchmarks/make_synthetic.py) and return the environment that points the dashboard and the
    CLI at them, with a store of their own."""
    script = PROJECT_ROOT / "benchmarks" / "make_synthetic.py"
    spread = ["--places", str(places)] if places else []
    subprocess.run([sys.executable, str(script), "--events", str(events), "--out", str(out),
                    *spread], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    return synthetic_env(out)


def synthetic_env(out: Path) -> dict[str, str]:
    """The environment of a synthetic dataset written to `out` before."""
    return {"FRONTLINE_DATA_DIR": str(out / "data"), "FRONTLINE_SEEDS_DIR": str(out / "seeds"),
            "FRONTLINE_DATABASE_URL": f"sqlite:///{out}/frontline.sqlite"}  # fmt: skip


def _wait_for(port: int, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the dashboard did not start:\n{log.read_text()}")


def chromium(playwright):  # playwright's types: it is an optional (test) dependency
    """Debian's Chromium, headless; a clear error when it is missing."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
