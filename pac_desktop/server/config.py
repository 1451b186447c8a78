"""The server's settings, read from the environment (and the `pac-server serve` options)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

DATABASE_URL_ENV = "PAC_SERVER_DATABASE_URL"
#: Test hooks: honoured only when set, never in production configurations.
TEST_FAULTS_ENV = "PAC_SERVER_TEST_FAULTS"  # "1": honour the X-Test-Fault header (state-machine tests)
CRASH_AT_ENV = "PAC_SERVER_CRASH_AT"  # "push_mid_batch:K" or "push_after_commit": the process exits there

APP_NAME = "pac-server"
ACCESS_TOKEN_SECONDS = 15 * 60
ENROLMENT_CODE_HOURS = 24


def default_database_url() -> str:
    """A SQLite file in the user data folder: the embedded default for a trial or development."""
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'pac-server.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    database_url: str
    access_token_seconds: int = ACCESS_TOKEN_SECONDS
    test_faults: bool = False
    crash_at: str | None = None
    #: Engine pool size on PostgreSQL.
    pool_size: int = 10
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, database_url: str | None = None) -> Settings:
        return cls(
            database_url=database_url or os.environ.get(DATABASE_URL_ENV) or default_database_url(),
            test_faults=os.environ.get(TEST_FAULTS_ENV) == "1",
            crash_at=os.environ.get(CRASH_AT_ENV) or None,
        )
