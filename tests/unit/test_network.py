"""Nothing leaves the machine: the real server (`frontline run`, with the project's own Streamlit
settings) is started with every connection to a non-loopback address refused and logged, by a
`sitecustomize` put first on its PYTHONPATH; then a page is loaded over HTTP and its script run
over Streamlit's websocket. The log must stay empty, the server must not say it looked for its
external IP, and it must listen on 127.0.0.1 only, unless FRONTLINE_HOST says otherwise."""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import harness  # tests/harness.py
import pytest

from frontline.config import PROJECT_ROOT

# Runs in the server's processes before anything else: refuse and log every outside address.
GUARD = textwrap.dedent("""
    import ipaddress, os, socket

    _LOG = os.environ["FRONTLINE_TEST_NET_LOG"]
    _LOCAL_NAMES = {None, "", "localhost", "0.0.0.0", "::"}  # loopback, or a wildcard to bind
    _getaddrinfo, _connect, _connect_ex, _sendto = (
        socket.getaddrinfo, socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto)

    def _local(host):
        if isinstance(host, bytes):
            host = host.decode()
        if host in _LOCAL_NAMES:
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False  # a name to look up: the lookup itself would leave the machine

    def _refuse(what, host, port):
        with open(_LOG, "a") as log:
            log.write(f"{os.getpid()} {what} {host!r} {port!r}\\n")
        raise ConnectionRefusedError(f"outside connection refused by the test: {host}:{port}")

    def getaddrinfo(host, port, *args, **kwargs):
        if not _local(host):
            _refuse("getaddrinfo", host, port)
        return _getaddrinfo(host, port, *args, **kwargs)

    def _check(sock, address, what):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
            _refuse(what, address[0], address[1])

    def connect(self, address):
        _check(self, address, "connect")
        return _connect(self, address)

    def connect_ex(self, address):
        _check(self, address, "connect_ex")
        return _connect_ex(self, address)

    def sendto(self, data, *args):
        _check(self, args[-1], "sendto")
        return _sendto(self, data, *args)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    socket.socket.sendto = sendto
""")


@contextmanager
def guarded_server(tmp_path: Path, **env: str) -> Iterator[tuple[int, int, Path, Path]]:
    """`frontline run` as a user starts it (no --server.address), outside connections refused:
    yields its port, process id, the refusal log and the server's log."""
    (tmp_path / "guard").mkdir()
    (tmp_path / "guard" / "sitecustomize.py").write_text(GUARD)
    refused, log, port = tmp_path / "refused.log", tmp_path / "server.log", harness.free_port()
    refused.touch()
    path = os.pathsep.join(filter(None, [str(tmp_path / "guard"), os.environ.get("PYTHONPATH")]))
    env = {**{k: v for k, v in os.environ.items() if k != "FRONTLINE_HOST"}, "PYTHONPATH": path,
           "FRONTLINE_TEST_NET_LOG": str(refused),
           "FRONTLINE_DATABASE_URL": f"sqlite:///{tmp_path / 'a.db'}", **env}  # fmt: skip
    command = [sys.executable, "-m", "frontline", "run", "--server.port", str(port)]
    with log.open("w") as out:
        proc = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    try:
        _wait_until_listening(port, proc, log)
        yield port, proc.pid, refused, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def _wait_until_listening(port: int, proc: subprocess.Popen, log: Path) -> None:
    """Until the port listens (read from /proc, so that the test itself connects nowhere)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if listening(port):
            return
        time.sleep(0.3)
    raise RuntimeError(f"the dashboard did not start:\n{log.read_text()}")


def listening(port: int) -> set[str]:
    """The local addresses with a TCP socket listening on `port` (Linux /proc/net/tcp{,6})."""
    found = set()
    for table, width in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, width, 4))
                found.add(str(ipaddress.ip_address(words)))
    return found


def run_script(port: int, origin: str | None = None) -> int:
    """Open a session over Streamlit's websocket as the browser does and run the home page's
    script to its end; returns Streamlit's status of the finished run (0: finished)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: TID251 (the wire format only)
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: TID251
    from websockets.sync.client import connect

    origin = origin or f"http://127.0.0.1:{port}"
    with connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                 origin=origin, open_timeout=30) as ws:  # fmt: skip
        message = BackMsg()
        message.rerun_script.query_string = ""
        ws.send(message.SerializeToString())
        while True:
            forward = ForwardMsg.FromString(ws.recv(timeout=120))
            if forward.WhichOneof("type") == "script_finished":
                return forward.script_finished


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
        return response.read().decode()


def assert_nothing_left(refused: Path, log: Path) -> None:
    assert refused.read_text() == "", f"outside connections tried:\n{refused.read_text()}"
    assert "external ip" not in log.read_text().lower()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc/net/tcp")
def test_the_server_asks_nothing_outside_and_listens_on_loopback_only(tmp_path):
    with guarded_server(tmp_path) as (port, _pid, refused, log):
        assert listening(port) == {"127.0.0.1"}
        assert "<noscript>" in get(f"http://127.0.0.1:{port}/")
        assert get(f"http://127.0.0.1:{port}/_stcore/health") == "ok"
        assert run_script(port) == 0  # the home page ran: store, dataset, charts
        assert_nothing_left(refused, log)


def test_the_guard_refuses_and_logs_what_would_leave(tmp_path):
    """The check can fail: code in the guarded server that reaches out is refused and logged."""
    (tmp_path / "sitecustomize.py").write_text(GUARD)
    refused = tmp_path / "refused.log"
    probe = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
             "except ConnectionRefusedError:\n    pass\n")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "FRONTLINE_TEST_NET_LOG": str(refused)}
    subprocess.run([sys.executable, "-c", probe], env=env, check=True)
    assert "192.0.2.1" in refused.read_text()
    with socket.create_server(("127.0.0.1", 0)) as server:  # loopback stays allowed
        port = server.getsockname()[1]
        local = f"import socket; socket.create_connection(('127.0.0.1', {port})).close()"
        subprocess.run([sys.executable, "-c", local], env=env, check=True)
    assert "127.0.0.1" not in refused.read_text()


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc/net/tcp")
def test_frontline_host_opens_other_interfaces_still_asking_nothing(tmp_path):
    from frontline import auth, store

    engine = store.connect(f"sqlite:///{tmp_path / 'a.db'}")  # the store guarded_server uses
    store.upgrade(engine)
    with store.transaction(engine) as conn:  # an open address needs sign-in (test_auth.py)
        auth.add_user(conn, "admin", "admin", "a long enough password", by="test")
    with guarded_server(tmp_path, FRONTLINE_HOST="0.0.0.0") as (port, _pid, refused, log):
        assert listening(port) & {"0.0.0.0", "::"}
        assert run_script(port) == 0
        with pytest.raises(Exception, match="403"):  # another site's page: refused, no lookup
            run_script(port, origin="http://example.org")
        assert_nothing_left(refused, log)


def test_frontline_host_becomes_streamlit_flags_unless_the_command_line_says():
    from frontline.cli.app import host_options

    assert host_options(None, []) == []  # the config's 127.0.0.1
    assert host_options("0.0.0.0", []) == ["--server.address", "0.0.0.0"]
    assert host_options("10.0.0.5", ["--server.port", "1"]) == [
        "--server.address", "10.0.0.5", "--browser.serverAddress", "10.0.0.5"]  # fmt: skip
    assert host_options("0.0.0.0", ["--server.address", "127.0.0.1"]) == []
    assert host_options("0.0.0.0", ["--server.address=127.0.0.1"]) == []
