"""Real `pac-server` processes for the deployment tests: started on 127.0.0.1, waited for with bounded waits,
always killed (with their workers) in teardown. Their JSON request log goes to a file the test can read."""

from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pac_desktop.server.config import DATABASE_URL_ENV
from pac_desktop.server.keys import KEY_ENV

#: A signing key for test servers on PostgreSQL (never a real one).
TEST_KEY = "7e57" * 16
SERVER_COMMAND = [sys.executable, "-m", "pac_desktop.server.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAC_SERVER_", "PROMETHEUS_"))}
    env.update({DATABASE_URL_ENV: url, KEY_ENV: TEST_KEY, **extra})
    return env


@dataclass
class ServerProcess:
    proc: subprocess.Popen
    log_path: Path
    url: str = ""

    def log_lines(self) -> list[dict]:
        lines = []
        for raw in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines():
            if raw.startswith("{"):
                try:
                    lines.append(json.loads(raw))
                except ValueError:
                    pass
        return lines

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_listening(self, timeout: float = 60) -> str:
        """The URL the server prints once its socket listens (bounded wait)."""
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        buffer = b""
        try:
            while b"\n" not in buffer:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None and not sel.select(0):
                    raise AssertionError(f"pac-server did not start:\n{self.log_text()}")
                if sel.select(min(left, 0.5)):
                    chunk = os.read(self.proc.stdout.fileno(), 4096)
                    if not chunk and self.proc.poll() is not None:
                        raise AssertionError(f"pac-server exited ({self.proc.returncode}):\n{self.log_text()}")
                    buffer += chunk
        finally:
            sel.close()
        line = buffer.decode().splitlines()[0]
        assert "http://" in line, line
        self.url = line.rsplit(" ", 1)[-1].strip()
        return self.url

    def children(self) -> list[int]:
        return children_of(self.proc.pid)


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("PPid:") and int(line.split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@contextmanager
def pac_server(args: Sequence[str], env: dict[str, str], log_path: Path,
               command: Sequence[str] | None = None) -> Iterator[ServerProcess]:
    """``pac-server ARGS`` (or ``command``) with stdout piped and stderr (the JSON log) to ``log_path``."""
    log = log_path.open("wb")
    proc = subprocess.Popen([*(command or SERVER_COMMAND), *args], stdout=subprocess.PIPE, stderr=log, env=env,
                            start_new_session=True)
    server = ServerProcess(proc, log_path)
    try:
        yield server
    finally:
        stop(proc)
        log.close()


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM the server (it stops its workers), then SIGKILL whatever is left of its process group."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # workers left behind, if any
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.wait(10)
    if proc.stdout:
        proc.stdout.close()


def wait_for(predicate, timeout: float = 30, interval: float = 0.1):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")
