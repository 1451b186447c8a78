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

# Fictitious staff need no OWASP-strength password hashes: scrypt at N=2^17 was most of the suite's CPU
# (0.3 s a hash or a login). The same code runs at a lower cost in this process; child processes (pac-server,
# the CLI) keep the application's cost, and tests/security/test_password_cost.py checks that cost.
from pac_desktop.security import passwords as _passwords  # noqa: E402

_passwords.cost_n = 2**10


def _migrate_by_copying_a_template() -> None:
    """Each test's new plain store gets the schema by a page copy (SQLite's backup API) of a store that this
    process migrated once with the real migrations, instead of replaying them (~1 s a store, hundreds of
    stores). Stores that hold anything, encrypted stores and injected migrations take the real path; the
    migration tests (tests/storage) build their old stores on purpose and stay on it."""
    import atexit
    import shutil
    import tempfile

    from pac_desktop.storage import migrate
    from pac_desktop.storage.store import create_store_engine, engine_key

    real_upgrade = migrate.upgrade
    template: dict[str, object] = {}

    def migrated_template():
        if "engine" not in template:
            folder = Path(tempfile.mkdtemp(prefix="pac-test-template-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            engine = create_store_engine(folder / "template.sqlite3")
            real_upgrade(engine)
            template["engine"] = engine
        return template["engine"]

    def upgrade(engine, revision: str = "head") -> None:
        if engine_key(engine) is None:
            with engine.connect() as conn:
                empty = not conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        if engine_key(engine) is not None or not empty or revision != "head":
            return real_upgrade(engine, revision)
        source = migrated_template().raw_connection()
        target = engine.raw_connection()
        try:
            source.driver_connection.backup(target.driver_connection)
        finally:
            target.close()
            source.close()

    migrate.upgrade = upgrade


_migrate_by_copying_a_template()


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
