"""A fault-injecting TCP proxy between two real clients and the real server (SYNC.md §9 B).

The proxy (a small asyncio server in the test) picks a fault per connection: none, reset the connection once
the server has answered (the request was processed, the answer is lost), cut the answer mid-body, or stall it
for less than the client's timeout. Two devices edit the same youths and sync many times through it; then,
with the faults off, every edit is on the server exactly once, no row is duplicated and no field is lost.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import socket
import struct
import threading
from pathlib import Path

import httpx
import pytest
from sync_helpers import (
    ARIEGE,
    add_youth,
    check_invariants,
    edit_youth,
    enrol_device,
    fast_tmp,
    running_server,
    transport_factory,
)

from pac_desktop.sync.errors import ServerUnreachable
from pac_desktop.sync.transport import RetryPolicy

FIELDS = ("phone", "last_class", "address")  # free text: the server checks an e-mail's format (issue 12)
MODES = ("pass", "pass", "reset_after_request", "cut_response", "stall")


class FaultProxy:
    def __init__(self, upstream_port: int, seed: int) -> None:
        self.upstream_port = upstream_port
        self.rng = random.Random(seed)
        self.faults_on = True
        self.counts: dict[str, int] = dict.fromkeys(MODES, 0)
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.port = 0

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self.loop.run_forever()
        server.close()

    def start(self) -> FaultProxy:
        self._thread.start()
        self._ready.wait(5)
        return self

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        mode = self.rng.choice(MODES) if self.faults_on else "pass"
        self.counts[mode] += 1
        try:
            up_r, up_w = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            client_w.close()
            return

        async def requests() -> None:
            try:
                while data := await client_r.read(65536):
                    up_w.write(data)
                    await up_w.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                up_w.close()

        pump = asyncio.create_task(requests())
        try:
            first = True
            while data := await up_r.read(65536):
                if first and mode == "reset_after_request":
                    _reset(client_w)  # the server has processed the request; its answer never arrives
                    return
                if first and mode == "cut_response":
                    client_w.write(data[: self.rng.randint(1, max(1, len(data) - 1))])
                    await client_w.drain()
                    _reset(client_w)
                    return
                if first and mode == "stall":
                    await asyncio.sleep(self.rng.uniform(0.1, 0.6))  # well under the client's timeout
                first = False
                client_w.write(data)
                await client_w.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            pump.cancel()
            up_w.close()
            client_w.close()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with an RST (SO_LINGER 0), as a crashed middlebox or a dropped Wi-Fi would."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


@pytest.mark.timeout(180)
def test_many_syncs_through_a_faulty_network_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    rng = random.Random(20260312)
    tokens = itertools.count()
    with fast_tmp(tmp_path) as root, running_server("sqlite", root) as server:
        proxy = FaultProxy(server.port, seed=7).start()
        # One connection per request, so that every request draws its own fault.
        factory = transport_factory(
            retry=RetryPolicy(attempts=3, base=0.01, cap=0.05), timeout=3.0,
            client_factory=lambda: httpx.Client(limits=httpx.Limits(max_keepalive_connections=0), timeout=3.0))
        try:
            devices = [enrol_device(server, root / name, name=name, factory=factory, server_url=proxy.url,
                                    initial_sync=False) for name in ("A", "B")]
            ledger: list[tuple[str, str, str]] = []
            ids: list[str] = []

            def sync_quietly(device) -> bool:
                try:
                    device.engine.run_cycle()
                    return True
                except ServerUnreachable:
                    return False

            for device in devices:
                while not sync_quietly(device):
                    pass
            for device in devices:
                for _ in range(3):
                    values = {f: f"v{next(tokens)}" for f in FIELDS}
                    ids.append(add_youth(device, territory=ARIEGE, **values))
                    ledger += [(ids[-1], f, v) for f, v in values.items()]
            ok = 0
            for _ in range(60):
                device = rng.choice(devices)
                for _ in range(rng.randint(1, 4)):
                    rid, field, value = rng.choice(ids), rng.choice(FIELDS), f"v{next(tokens)}"
                    if edit_youth(device, rid, **{field: value}):
                        ledger.append((rid, field, value))
                ok += sync_quietly(device)
            assert ok > 5 and sum(proxy.counts[m] for m in MODES if m != "pass") > 20, proxy.counts
            proxy.faults_on = False
            for _ in range(2):
                for device in devices:
                    device.engine.run_cycle()
            check_invariants(server, devices, ledger, FIELDS)
            for device in devices:
                assert device.replica.device().blocked_reason is None  # lost token answers never revoke
                device.close()
        finally:
            proxy.stop()
