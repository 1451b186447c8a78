"""The server's settings, read from the environment (and the `pac-server serve` options)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

DATABASE_URL_ENV = "PAC_SERVER_DATABASE_URL"
#: A file holding the URL (it carries the database password): a container secret, say.
DATABASE_URL_FILE_ENV = "PAC_SERVER_DATABASE_URL_FILE"
#: Test hooks: honoured only when set, never in production configurations.
TEST_FAULTS_ENV = "PAC_SERVER_TEST_FAULTS"  # "1": honour the X-Test-Fault header (state-machine tests)
CRASH_AT_ENV = "PAC_SERVER_CRASH_AT"  # "push_mid_batch:K" or "push_after_commit": the process exits there
API_DOCS_ENV = "PAC_SERVER_API_DOCS"  # "1": serve /docs and /redoc (off in production)
#: Rate limits, "COUNT/SECONDS" (a bucket of COUNT tries refilled over SECONDS), per worker process.
RATE_ENROL_ENV = "PAC_SERVER_RATE_ENROL"  # per client address
RATE_EXPORT_ENV = "PAC_SERVER_RATE_EXPORT"  # the evaluation export's password check, per device
RATE_PUSH_ENV = "PAC_SERVER_RATE_PUSH"  # per device
RATE_REGIONAL_ENV = "PAC_SERVER_RATE_REGIONAL"  # the regional figures (each request counts every file), per device
THREADS_ENV = "PAC_SERVER_THREADS"  # handler threads of a worker process (Settings.threads)

APP_NAME = "pac-server"
ACCESS_TOKEN_SECONDS = 15 * 60
DEFAULT_RATE_ENROL = "10/600"  # per client address: ten enrolments, then one a minute
DEFAULT_RATE_EXPORT = "5/300"  # per device: five password checks, then one a minute
DEFAULT_RATE_PUSH = "120/60"  # per device: two batches a second on average, bursts of 120
DEFAULT_RATE_REGIONAL = "10/300"  # per device: ten requests, then one every thirty seconds
ENROLMENT_CODE_HOURS = 24


def default_database_url() -> str:
    """A SQLite file in the user data folder: the embedded default for a trial or development."""
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'pac-server.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    database_url: str = field(repr=False)  # it may carry the database password
    access_token_seconds: int = ACCESS_TOKEN_SECONDS
    test_faults: bool = False
    crash_at: str | None = None
    #: Threads of a worker process running the handlers (and their database work): at most this many requests
    #: use the database at once; the others wait in the event loop, which costs nothing (issue 16). Few threads
    #: share one interpreter lock better: with 50 devices syncing at once (bench.section_sync_load), 4 threads
    #: instead of 16 cost the worker ~20 % less CPU a request and brought push and pull p95 from ~330 to ~250 ms.
    threads: int = 4
    #: Engine pool size on PostgreSQL: at least ``threads``, so that no connection is opened and closed again
    #: per request under load (a PostgreSQL connection is a process started on the database server).
    pool_size: int = 20
    extra: dict[str, str] = field(default_factory=dict)
    #: The token signing keys (pac_desktop.server.keys): a file, else the key itself.
    token_key_file: str | None = None
    token_key: str | None = field(default=None, repr=False)
    #: Without a configured key, sign with the one stored in the database (tests; a trial on SQLite).
    database_key_allowed: bool = True
    api_docs: bool = False
    #: One JSON line per request on stderr (pac_desktop.server.observability); on in `pac-server serve`.
    request_log: bool = False
    #: Rate limits "COUNT/SECONDS" (pac_desktop.server.ratelimit); None: no limit (tests). `pac-server serve`
    #: applies the DEFAULT_RATE_* below unless the environment says otherwise ("off" disables one).
    rate_enrol: str | None = None
    rate_export: str | None = None
    rate_push: str | None = None
    rate_regional: str | None = None

    @classmethod
    def from_env(cls, database_url: str | None = None) -> Settings:
        from . import keys

        env = os.environ
        url = database_url or env.get(DATABASE_URL_ENV) or _read_url_file(env.get(DATABASE_URL_FILE_ENV)) \
            or default_database_url()
        return cls(
            database_url=url,
            test_faults=env.get(TEST_FAULTS_ENV) == "1",
            crash_at=env.get(CRASH_AT_ENV) or None,
            token_key_file=env.get(keys.KEY_FILE_ENV) or None,
            token_key=env.get(keys.KEY_ENV) or None,
            database_key_allowed=url.startswith("sqlite"),  # production (PostgreSQL) needs a key of its own
            api_docs=env.get(API_DOCS_ENV) == "1",
            request_log=True,
            threads=int(env.get(THREADS_ENV) or Settings.threads),
            rate_enrol=_rate(env.get(RATE_ENROL_ENV), DEFAULT_RATE_ENROL),
            rate_export=_rate(env.get(RATE_EXPORT_ENV), DEFAULT_RATE_EXPORT),
            rate_push=_rate(env.get(RATE_PUSH_ENV), DEFAULT_RATE_PUSH),
            rate_regional=_rate(env.get(RATE_REGIONAL_ENV), DEFAULT_RATE_REGIONAL),
        )


def _read_url_file(path: str | None) -> str | None:
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8").strip() or None
    except OSError as error:
        from pac_desktop.domain.errors import DomainError

        raise DomainError(f"Le fichier {path} (${DATABASE_URL_FILE_ENV}) est illisible : {error.strerror}.") \
            from error


def _rate(value: str | None, default: str) -> str | None:
    if value and value.strip().lower() == "off":
        return None
    return value or default
