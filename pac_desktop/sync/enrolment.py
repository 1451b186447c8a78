"""Enrolment of this device with a shared server: a one-time code → a device id and a refresh token that goes
to the OS keyring and nowhere else (SYNC.md §7)."""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from pac_desktop import __version__
from pac_desktop.domain.errors import DomainError
from pac_desktop.security.keyring_store import SecretStore
from pac_desktop.storage.models import SyncDevice, SyncState

from . import wire
from .local import LocalReplica
from .transport import HttpTransport, check_server_url


@dataclass(frozen=True)
class Enrolment:
    server_url: str
    device_id: str
    device_name: str
    territory_ids: tuple[str, ...]


def default_device_name() -> str:
    return socket.gethostname()[:120] or "poste PAC"


def enrol(
    replica: LocalReplica,
    *,
    server_url: str,
    code: str,
    secrets: SecretStore,
    device_name: str | None = None,
    transport_factory: Callable[[str], HttpTransport],
) -> Enrolment:
    url = check_server_url(server_url)
    secrets.check()  # before the code is spent: without a safe place for the token, nothing is sent
    current = replica.device()
    if current is not None and current.blocked_reason != "device_revoked":
        raise DomainError(
            f"Cet ordinateur est déjà inscrit auprès du serveur {current.server_url} (appareil « "
            f"{current.device_name} »). Il n'a pas besoin d'un nouveau code."
        )
    name = (device_name or default_device_name()).strip() or "poste PAC"
    transport = transport_factory(url)
    try:
        hello = wire.HelloResponse.model_validate(transport.request("GET", "/v1/sync/hello"))
        answer = wire.EnrolResponse.model_validate(transport.request(
            "POST", "/v1/devices/enrol",
            json={"code": code.strip(), "device_name": name, "app_version": __version__,
                  "request_id": str(uuid.uuid4())}))
    finally:
        transport.close()
    secrets.set_refresh_token(answer.device_id, answer.refresh_token)
    with replica.remote_write() as s:
        row = s.get(SyncDevice, 1)
        if row is None:
            row = SyncDevice(id=1)
            s.add(row)
        row.server_url = url
        row.device_id = answer.device_id
        row.device_name = name
        row.organisation_id = answer.organisation_id
        row.territory_ids = json.dumps(answer.territory_ids)
        row.blocked_reason = None
        row.blocked_message = None
        state = s.get(SyncState, 1)
        if state is None:
            s.add(SyncState(id=1, cursor=0, epoch=hello.epoch))
        elif state.epoch is None:
            state.epoch = hello.epoch
    if current is not None and current.device_id != answer.device_id:
        secrets.delete_refresh_token(current.device_id)
    return Enrolment(url, answer.device_id, name, tuple(answer.territory_ids))
