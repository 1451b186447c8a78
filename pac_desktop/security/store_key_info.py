"""What start-up may know of the store's key before anything heavy is imported (issue 16): the passphrase rule the
passphrase dialog states, and how the key of an existing store is kept, read from its sidecar file alone. The key
itself is handled by ``store_key``."""

from __future__ import annotations

import json
from pathlib import Path

MIN_PASSPHRASE_LENGTH = 12
#: The sidecar beside the store: its id, how its key is kept ("keyring" / "passphrase"), never the key.
KEYINFO_SUFFIX = ".cle.json"


def keyinfo_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + KEYINFO_SUFFIX)


def stored_key_mode(store_path: Path) -> str | None:
    """"keyring" or "passphrase" for a store whose sidecar says so; None when there is none or it is unreadable."""
    try:
        mode = json.loads(keyinfo_path(store_path).read_text(encoding="utf-8"))["mode"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return mode if isinstance(mode, str) else None
