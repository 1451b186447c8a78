"""Shared fixtures: a real, migrated SQLite store per test, and the services on top of it."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

# Qt runs without a screen in tests; set before any Qt import (pytest-qt creates the QApplication).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The encrypted store's key and the sync token go to an in-memory keyring, in this process and in the child
# processes the tests start (these machines have no Secret Service): see tests/privacy_keyring.py (issue 7).
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "privacy_keyring.MemoryKeyring")
os.environ["PYTHONPATH"] = os.pathsep.join(
    part for part in (str(Path(__file__).resolve().parent), os.environ.get("PYTHONPATH", "")) if part
)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    from pac_desktop.storage.store import open_store

    opened = open_store(data_dir)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def today() -> date:
    return date(2026, 3, 12)


@pytest.fixture
def services(store, today):
    from pac_desktop.services.registry import Services

    return Services.build(store, today=lambda: today)


@pytest.fixture
def loaded_services(services):
    """Services on a store holding the programme's reference data."""
    services.reference.load()
    return services
