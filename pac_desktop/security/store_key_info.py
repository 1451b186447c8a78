"""What start-up may know of the store's key before anything heavy is imported (issue 16): the passphrase rule the
passphrase dialog states, and the key information file beside the store (its id, how its key is kept, never the
key). The key itself is handled by ``store_key``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

MIN_PASSPHRASE_LENGTH = 12
KEYINFO_SUFFIX = ".cle.json"


@dataclass(frozen=True)
class KeyInfo:
    store_id: str
    mode: str  # "keyring" | "passphrase"
    salt: str | None = None
    check: str | None = None
    format: int = 1


def keyinfo_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + KEYINFO_SUFFIX)


def read_keyinfo(store_path: Path) -> KeyInfo | None:
    try:
        data = json.loads(keyinfo_path(store_path).read_text(encoding="utf-8"))
        return KeyInfo(store_id=data["store_id"], mode=data["mode"], salt=data.get("salt"), check=data.get("check"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
