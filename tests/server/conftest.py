"""Server tests: every test gets an in-memory keyring backend (never the machine's own)."""

from __future__ import annotations

import pytest
from sync_helpers import memory_keyring


@pytest.fixture(autouse=True)
def _memory_keyring():
    with memory_keyring() as backend:
        yield backend
