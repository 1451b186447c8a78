"""A keyring for the benchmarks only (never shipped, never used by the application on its own).

The application keeps the local store's encryption key in the OS keyring (issue 7) and refuses plaintext
keyrings. Benchmark machines often have no Secret Service, and the measured application runs in child
processes that must open the same encrypted store as the parent. So ``python -m bench`` points every process it
starts at this backend (``PYTHON_KEYRING_BACKEND=bench.keyring_file.BenchKeyring``), which keeps entries in a
JSON file of the bench folder (``PAC_BENCH_KEYRING_FILE``). The store it unlocks holds fictitious demo data only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

KEYRING_FILE_ENV = "PAC_BENCH_KEYRING_FILE"


class BenchKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        path = os.environ.get(KEYRING_FILE_ENV)
        if not path:
            raise RuntimeError(f"{KEYRING_FILE_ENV} is not set: the bench keyring is for `python -m bench` only")
        return Path(path)

    def _read(self) -> dict[str, str]:
        try:
            return json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}

    def _write(self, entries: dict[str, str]) -> None:
        path = self._path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(entries, indent=2), encoding="utf-8")
        os.replace(tmp, path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._read()
        entries[f"{service}/{username}"] = password
        self._write(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._read()
        if entries.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(username)
        self._write(entries)
