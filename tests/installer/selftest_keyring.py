"""An in-memory keyring backend for the self-test's subprocess (PYTHON_KEYRING_BACKEND=selftest_keyring.MemoryKeyring).

The machines that run the tests have no Secret Service; this backend lets the unfrozen self-test take its
"keyring works" path for real: set, get and delete go through keyring's public API and this backend.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self._entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")
