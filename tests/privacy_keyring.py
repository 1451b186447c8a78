"""An in-memory keyring for the tests (STYLE.md §8): the store's encryption key and the sync token live here.

tests/conftest.py makes it the keyring of the test process and of every child process it starts
(PYTHON_KEYRING_BACKEND=privacy_keyring.MemoryKeyring, with tests/ on PYTHONPATH). Never shipped.
"""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError(username)
