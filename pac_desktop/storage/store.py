"""Opening the local store: where it lives, the one engine factory, migrations with backup and restore.

The store is encrypted with SQLCipher (issue 7) when a :class:`StoreKey` is given — which the application
and the command line always do, through pac_desktop.security.store_key (the key lives in the OS keyring;
storage never imports security). Without a key the store is plain SQLite: the tests' fixtures and tools
only. A plain store opened with a key is converted once (:func:`encrypt_plain_store`).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
import stat
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import sessionmaker

from pac_desktop.domain.errors import DomainError
from pac_desktop.paths import (  # where the data folder is lives in paths.py (the command line reads it too)
    database_path,
    store_file_kind,
)

from .base import id_to_store, new_id
from .changes import CHANGE_FEED, ChangeFeed
from .models import LocalSetting
from .outbox import ACTOR, DEVICE, LocalSession
from .youth_search import KEY_MATCH_FUNCTION, any_key_matches

log = logging.getLogger(__name__)


class StoreError(DomainError):
    """The local store cannot be opened or migrated; the message says what happened, in French."""


class StoreUnreadable(StoreError):
    """The encrypted store does not open with the key given: a wrong key, or a damaged file.

    pac_desktop.security.store_key tells the two apart (it knows which key the file was made with).
    """


class StoreEncrypted(StoreError):
    """An encrypted store was opened without its key."""


#: SQLCipher keeps each file's random KDF salt in its first 16 bytes (the plain header's place).
SALT_BYTES = 16
RAW_KEY_BYTES = 32


@dataclass(frozen=True)
class StoreKey:
    """What opens an encrypted store: a random 256-bit raw key, or a passphrase (SQLCipher's own KDF).

    Never printed: ``repr`` shows the kind only.
    """

    raw: bytes | None = field(default=None, repr=False)
    passphrase: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if (self.raw is None) == (self.passphrase is None):
            raise ValueError("a store key is a raw key or a passphrase, not both")
        if self.raw is not None and len(self.raw) != RAW_KEY_BYTES:
            raise ValueError("a raw store key holds 32 bytes")
        if self.passphrase is not None and not self.passphrase:
            raise ValueError("empty passphrase")

    def pragma_value(self) -> str:
        """The value of ``PRAGMA key`` / ``ATTACH … KEY``: x'…' for a raw key (no KDF), else a quoted passphrase."""
        if self.raw is not None:
            return f"\"x'{self.raw.hex()}'\""
        assert self.passphrase is not None
        return "'" + self.passphrase.replace("'", "''") + "'"


def file_salt(path: Path) -> bytes | None:
    """The first 16 bytes of an encrypted store (its SQLCipher salt), or None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SALT_BYTES)
    except OSError:
        return None
    return head if len(head) == SALT_BYTES else None


def _connect(path: Path, key: StoreKey | None):  # noqa: ANN202 - a DB-API connection
    """A bare connection (conversion, backups): sqlcipher3 keyed first thing, or the standard sqlite3."""
    if key is None:
        return sqlite3.connect(path)
    import sqlcipher3

    conn = sqlcipher3.connect(str(path))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {key.pragma_value()}")
    return conn


#: SQLite page cache of each connection to an encrypted store, in KiB.
ENCRYPTED_CACHE_KIB = 64 * 1024

# The key of each encrypted engine, for the backups made through it (never stored anywhere else).
_ENGINE_KEYS: weakref.WeakKeyDictionary[Engine, StoreKey] = weakref.WeakKeyDictionary()


def engine_key(engine: Engine) -> StoreKey | None:
    return _ENGINE_KEYS.get(engine)


def create_store_engine(path: Path, *, key: StoreKey | None = None) -> Engine:
    """The single place where the local store's engine is made: SQLCipher with ``key``, plain SQLite without.

    WAL with synchronous=FULL: with NORMAL, a committed transaction can be lost on power loss,
    and counsellors must never lose a word. Foreign keys are on for every connection.
    """
    if key is None:
        engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)  # errors never quote a row
    else:
        import sqlcipher3

        # The pysqlite dialect over sqlcipher3 (the same DB-API); the key is the first statement of every
        # connection, so that nothing is ever read or written unencrypted.
        engine = create_engine(f"sqlite:///{path}", module=sqlcipher3.dbapi2, future=True, hide_parameters=True)
        _ENGINE_KEYS[engine] = key

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
        # The driver's own transaction handling is replaced by explicit BEGIN (see "begin" below), so
        # that a write transaction takes the lock at once (BEGIN IMMEDIATE) instead of failing later.
        dbapi_conn.isolation_level = None
        # An id in its stored form (CompactId), for ids that reach SQL as text: storage.id_lists' JSON arrays.
        dbapi_conn.create_function("pac_id", 1, id_to_store, deterministic=True)
        # A search word tested on rows found otherwise (storage.youth_search.key_condition, indexed=False).
        dbapi_conn.create_function(KEY_MATCH_FUNCTION, -1, any_key_matches, deterministic=True)
        cur = dbapi_conn.cursor()
        if key is not None:
            cur.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not stderr noise
            cur.execute(f"PRAGMA key = {key.pragma_value()}")
            # Every page read from disk is decrypted and checked (AES + HMAC): a larger page cache keeps the
            # decrypted hot pages (searches over 100,000 youths: ×4.8 slower than plain with SQLite's default
            # 8 MB, ×1.3 with 64 MB; see bench/encryption.py). It fills only as far as the store is large.
            cur.execute(f"PRAGMA cache_size = -{ENCRYPTED_CACHE_KIB}")
        # A new store gives the pages that bulk deletions free (a purge, a scope lost, a full resync) back to the
        # file system with release_free_pages(). Only while the file is empty: on an existing store the pragma
        # writes the header, so every new connection would wait for the write lock of a unit of work in progress.
        if cur.execute("PRAGMA page_count").fetchone()[0] == 0:
            cur.execute("PRAGMA auto_vacuum=INCREMENTAL")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        read_only = conn.get_execution_options().get("pac_read_only", False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


#: Free pages below which release_free_pages leaves the file alone (they are reused by the next inserts).
FREE_PAGES_KEPT = 256
#: Pages released per transaction: other writers (an autosave) get the lock between two steps.
FREE_PAGES_STEP = 4096


def release_free_pages(engine: Engine, *, keep: int = FREE_PAGES_KEPT) -> int:
    """Give the store's free pages back to the file system after bulk deletions (incremental vacuum), when more
    than ``keep`` are free; returns how many pages were released (0 on a store made without auto_vacuum)."""
    with engine.execution_options(pac_read_only=True).connect() as conn:  # no write lock just to look
        mode = conn.exec_driver_sql("PRAGMA auto_vacuum").scalar()
    if mode != 2:  # 2: INCREMENTAL (stores made before it keep their free pages for their next inserts)
        return 0
    released = 0
    raw = engine.raw_connection()
    try:
        db = raw.driver_connection
        while (free := int(db.execute("PRAGMA freelist_count").fetchone()[0] or 0)) > keep:
            # executescript steps the pragma to its end (execute frees one page per call), in a transaction of
            # its own: the connection is in autocommit mode (see create_store_engine).
            db.executescript(f"PRAGMA incremental_vacuum({min(free - keep, FREE_PAGES_STEP)});")
            now = int(db.execute("PRAGMA freelist_count").fetchone()[0] or 0)
            if now >= free:
                break
            released += free - now
    finally:
        raw.close()
    return released


def compact_after_migration(engine: Engine, *, repack: bool = False) -> None:
    """After a migration that rewrote tables (0022, 0023) or dropped columns and indexes (0024), give the freed
    pages back: ``repack``, or more than a quarter of the pages free on a store made without auto_vacuum: one
    VACUUM (which also turns auto_vacuum on); else incrementally (auto_vacuum)."""
    with engine.execution_options(pac_read_only=True).connect() as conn:
        mode = conn.exec_driver_sql("PRAGMA auto_vacuum").scalar()
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar() or 0)
        free = int(conn.exec_driver_sql("PRAGMA freelist_count").scalar() or 0)
    if repack or (mode != 2 and free > max(FREE_PAGES_KEPT, pages // 4)):
        try_vacuum(engine)
    elif mode == 2:
        release_free_pages(engine)


#: Bulk work (rows written at once: a first sync, an import, demo data) after which the store is vacuumed.
BULK_ROWS = 20_000


def vacuum_store(engine: Engine) -> None:
    """Rewrite the store packed (VACUUM): every table and index in order, its pages full, no free page. Rows keep
    their rowids (SQLite copies them as they are). An encrypted store stays encrypted with its key.

    Indexes on random keys (UUIDs) filled by bulk inserts keep their pages about three quarters full: after a
    first sync of 10,000 youths the store is 0.3 kB a youth smaller vacuumed (issue 16). It takes the write lock
    for a few seconds per 100 MB and needs that much free disk for a while."""
    raw = engine.raw_connection()
    try:
        db = raw.driver_connection
        db.execute("PRAGMA auto_vacuum=INCREMENTAL")  # takes effect with the VACUUM (autocommit connection)
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


def try_vacuum(engine: Engine) -> bool:
    """:func:`vacuum_store`, which only saves space: when it cannot run (no room on the disk for the copy it
    writes, the store busy), the store is left as it was and the application goes on (an upgrade is not undone
    for it, a start-up not refused). True if it ran."""
    try:
        vacuum_store(engine)
    except Exception as exc:  # sqlite3 or sqlcipher3's OperationalError: no personal data in it
        log.warning("the local store could not be packed (VACUUM): %s", exc)
        return False
    return True


def vacuum_after_bulk(engine: Engine, rows: int) -> bool:
    """Vacuum the store after bulk work that wrote ``rows`` rows, when they are many (:data:`BULK_ROWS`); True if
    it did."""
    if rows < BULK_ROWS:
        return False
    return try_vacuum(engine)


#: Set by bulk work done while the store is in use (a first sync): the next start vacuums the store.
PACK_PENDING_KEY = "store_pack_pending"


def pack_at_next_start(engine: Engine, rows: int) -> bool:
    """After bulk work of ``rows`` rows done while the application runs (a first sync: the counsellor may be at
    work already, and the sync's own figures stay the sync's), the store is vacuumed when it is next opened, before
    anyone uses it (:func:`pack_if_pending`). True if asked."""
    if rows < BULK_ROWS:
        return False
    with sessionmaker(bind=engine, class_=LocalSession).begin() as session:
        session.merge(LocalSetting(key=PACK_PENDING_KEY, value="1"))
    return True


#: What start-up shows while the store is packed after a first sync (seconds, once).
PACK_MESSAGE = "Rangement des données reçues à la première synchronisation (une seule fois)…"


def pack_if_pending(engine: Engine, progress: Callable[[str], None] | None = None) -> bool:
    """Vacuum the store if bulk work asked for it (:func:`pack_at_next_start`); True if it did."""
    with engine.execution_options(pac_read_only=True).connect() as conn:
        pending = conn.execute(select(LocalSetting.value).where(LocalSetting.key == PACK_PENDING_KEY)).scalar()
    if pending is None:
        return False
    if progress is not None:
        progress(PACK_MESSAGE)
    if not try_vacuum(engine):
        return False  # asked again at the next start
    with sessionmaker(bind=engine, class_=LocalSession).begin() as session:
        setting = session.get(LocalSetting, PACK_PENDING_KEY)
        if setting is not None:
            session.delete(setting)
    return True


SessionFactory = Callable[..., LocalSession]


def make_session_factory(
    engine: Engine, *, device_id: str | None = None, read_only: bool = False, changes: ChangeFeed | None = None
) -> sessionmaker[LocalSession]:
    """Sessions of the local store; each flush feeds the outbox (see storage.outbox), and each commit tells
    ``changes`` what it changed (see storage.changes).

    Read-only sessions start a deferred transaction, so that searches never wait for the writer.
    """
    bind = engine.execution_options(pac_read_only=True) if read_only else engine
    info: dict[str, object] = {DEVICE: device_id}
    if changes is not None:
        info[CHANGE_FEED] = changes
    return sessionmaker(bind=bind, class_=LocalSession, expire_on_commit=False, info=info)


def set_actor(session: LocalSession, staff_id: str | None) -> None:
    """Who makes the changes of this unit of work (``updated_by`` of synced rows)."""
    session.info[ACTOR] = staff_id


def backup_database(path: Path, *, reason: str, key: StoreKey | None = None) -> Path:
    """A consistent copy of the store beside it (SQLite's online backup: safe with WAL), named
    ``<store>.<reason>-<UTC date and time>.sqlite3``.

    As protected as the store: an encrypted store's backup is encrypted with the same key (never a plain copy),
    and the file is made with the store's permissions before a byte is written to it.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix}")
    n = 1
    while target.exists():  # two copies in the same second
        n += 1
        target = path.with_name(f"{path.stem}.{reason}-{stamp}-{n}{path.suffix}")
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o600
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
    os.chmod(target, mode)  # whatever the umask took away or added
    src = _connect(path, key)
    try:
        dst = _connect(target, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def backups_of(path: Path, reason: str) -> list[Path]:
    """The copies of the store made for ``reason`` (:func:`backup_database`), oldest first."""
    pattern = f"{path.stem}.{reason}-*{path.suffix}"
    return sorted((p for p in path.parent.glob(pattern) if p.is_file()), key=lambda p: (p.stat().st_mtime, p.name))


def remove_backups(path: Path, reason: str, *, but: Path) -> list[Path]:
    """Remove the copies made for ``reason`` except ``but`` (with their -wal/-shm, if any); returns them."""
    removed = [p for p in backups_of(path, reason) if p.resolve() != but.resolve()]
    for old in removed:
        for target in (old, Path(f"{old}-wal"), Path(f"{old}-shm")):
            target.unlink(missing_ok=True)
    return removed


def restore_database(backup: Path, path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(backup, path)


@dataclass(frozen=True)
class OpenedStore:
    path: Path
    engine: Engine
    session_factory: sessionmaker[LocalSession]
    read_session_factory: sessionmaker[LocalSession]
    device_id: str
    backup: Path | None  # the copy made before migrating, if a migration ran
    #: Told after each commit what it changed (storage.changes): open windows refresh from it.
    changes: ChangeFeed = field(default_factory=ChangeFeed)


def open_store(
    data_dir: Path, *, key: StoreKey | None = None, run_migrations: Callable[[Engine], None] | None = None,
    progress: Callable[[str], None] | None = None,
) -> OpenedStore:
    """Open (creating if need be) and migrate the store in ``data_dir``; encrypted when ``key`` is given.
    ``progress`` hears what start-up should show during the one-time long steps (an upgrade, a packing).

    A plain store opened with a key is converted first (once); an encrypted store opened without its key,
    or with another key, raises StoreEncrypted / StoreUnreadable before anything else is read or written.
    """
    from .migrate import upgrade_with_backup

    ensure_data_dir(data_dir)
    path = database_path(data_dir)
    if key is not None:
        recover_interrupted_conversion(path)
    kind = store_file_kind(path)
    if kind == "encrypted" and key is None:
        # Without a key, an encrypted store and a file that is no database at all look the same (no header).
        raise StoreEncrypted(
            f"Le fichier {path.name} n'est pas une base de données PAC lisible sans clé : soit c'est une base "
            "chiffrée (ouvrez-la avec PAC Desktop ou la commande pac, depuis la session de l'utilisateur qui l'a "
            "créée), soit il est endommagé. Il n'a pas été modifié."
        )
    if kind == "plain" and key is not None:
        encrypt_plain_store(path, key)
    engine = create_store_engine(path, key=key)
    if key is not None:
        check_key(engine, path)
        finish_conversion(path)
    backup = upgrade_with_backup(engine, path, run=run_migrations, progress=progress)
    pack_if_pending(engine, progress)
    device_id = ensure_device_id(engine)
    if key is None and kind == "missing":
        mark_plain_by_choice(engine)
    changes = ChangeFeed()
    return OpenedStore(
        path=path,
        engine=engine,
        session_factory=make_session_factory(engine, device_id=device_id, changes=changes),
        read_session_factory=make_session_factory(engine, device_id=device_id, read_only=True),
        device_id=device_id,
        backup=backup,
        changes=changes,
    )


def ensure_data_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Le dossier des données ({data_dir}) ne peut pas être créé : {exc.strerror}. "
            "Vérifiez qu'il est accessible en écriture, ou choisissez-en un autre avec --data-dir."
        ) from exc


UNREADABLE_MESSAGE = (
    "La base locale ({name}) ne s'ouvre pas avec la clé de chiffrement donnée : soit la clé n'est pas la "
    "sienne, soit le fichier est endommagé. Rien n'a été modifié."
)


def check_key(engine: Engine, path: Path) -> None:
    """Read the first page at once: a wrong key or a damaged first page fails here, before any migration."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
    except Exception as exc:  # sqlcipher3.DatabaseError "file is not a database", wrapped by SQLAlchemy
        engine.dispose()
        raise StoreUnreadable(UNREADABLE_MESSAGE.format(name=path.name)) from exc


# --- conversion of a plain store ----------------------------------------------------------------------------


def _conversion_paths(path: Path) -> tuple[Path, Path]:
    """(the encrypted copy being made, the plain original kept until the encrypted one is verified)."""
    return path.with_name(path.name + ".chiffrement"), path.with_name(f"{path.stem}.avant-chiffrement{path.suffix}")


def recover_interrupted_conversion(path: Path) -> None:
    """After a crash during a conversion: put the plain original back if the swap did not happen."""
    tmp, original = _conversion_paths(path)
    tmp.unlink(missing_ok=True)
    if original.exists() and store_file_kind(path) == "missing":
        os.replace(original, path)


def finish_conversion(path: Path) -> None:
    """The encrypted store opened with its key: the plain original (if still there) can go."""
    _tmp, original = _conversion_paths(path)
    if original.exists():
        wipe_file(original)


def _row_order(conn, table: str) -> str:  # noqa: ANN001 - a DB-API connection
    """rowid, or the primary key's columns for a WITHOUT ROWID table (contact_summary, migration 0019)."""
    keys = sorted((r[5], r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")') if r[5])
    without_rowid = conn.execute(
        "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()[0]
    return ", ".join(f'"{name}"' for _, name in keys) if without_rowid and keys else "rowid"


def fingerprint(conn) -> dict[str, tuple[int, str]]:  # noqa: ANN001 - a DB-API connection
    """Row count and a digest of every row of every table: what a conversion must keep, exactly."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    result = {}
    for table in tables:
        digest = hashlib.sha256()
        count = 0
        for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY {_row_order(conn, table)}'):
            digest.update(repr(row).encode("utf-8"))
            count += 1
        result[table] = (count, digest.hexdigest())
    return result


def _export_encrypted(source: Path, target: Path, key: StoreKey) -> dict[str, tuple[int, str]]:
    """Write an encrypted copy of the plain ``source`` to ``target`` (sqlcipher_export) and verify it."""
    import sqlcipher3

    target.unlink(missing_ok=True)
    plain = sqlcipher3.connect(str(source), isolation_level=None)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        expected = fingerprint(plain)
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        escaped = str(target).replace("'", "''")
        plain.execute(f"ATTACH DATABASE '{escaped}' AS encrypted KEY {key.pragma_value()}")
        plain.execute("PRAGMA encrypted.auto_vacuum = INCREMENTAL")  # as a new store (see create_store_engine)
        plain.execute("BEGIN")  # one transaction: one sync to disk, not one per table
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("COMMIT")
        plain.execute("DETACH DATABASE encrypted")
    finally:
        plain.close()
    _verify_encrypted(target, key, expected)
    return expected


def _verify_encrypted(path: Path, key: StoreKey, expected: dict[str, tuple[int, str]]) -> None:
    conn = _connect(path, key)
    try:
        got = fingerprint(conn)
    finally:
        conn.close()
    if got != expected:
        raise StoreError(
            "Le chiffrement de la base locale n'a pas pu être vérifié : la base d'origine, non chiffrée, est "
            "conservée telle quelle. Relancez l'application ; si cela se reproduit, prévenez votre administrateur."
        )


def encrypt_plain_store(path: Path, key: StoreKey) -> None:
    """Convert a plain store to an encrypted one, once and safely.

    The encrypted copy is written beside the store and checked row by row (every table's count and digest);
    only then is the plain file moved aside, the copy put in its place and checked again, and the plain
    original overwritten and removed. A crash at any point leaves either the plain store or the verified
    encrypted one (see :func:`recover_interrupted_conversion`). Plain backups beside the store (made before
    earlier migrations) are encrypted the same way: no copy of the data stays readable.
    """
    tmp, original = _conversion_paths(path)
    expected = _export_encrypted(path, tmp, key)
    os.replace(path, original)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)
    _verify_encrypted(path, key, expected)
    wipe_file(original)
    for backup in sorted(path.parent.glob(f"{path.stem}.*{path.suffix}")):
        if backup != path and store_file_kind(backup) == "plain":
            encrypted_backup = backup.with_name(backup.name + ".chiffrement")
            _export_encrypted(backup, encrypted_backup, key)
            wipe_file(backup)
            os.replace(encrypted_backup, backup)


def wipe_file(path: Path) -> None:
    """Overwrite a file with zeros, then remove it (and its -wal/-shm): best effort against undeletion."""
    for target in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            size = target.stat().st_size
            with open(target, "r+b") as handle:
                chunk = b"\0" * 65536
                for _ in range(0, size, len(chunk)):
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            pass
        target.unlink(missing_ok=True)


DEVICE_ID_KEY = "device_id"


def ensure_device_id(engine: Engine) -> str:
    """This installation's id (origin_device of its rows), made once."""
    factory = sessionmaker(bind=engine, class_=LocalSession)
    with factory.begin() as session:
        setting = session.get(LocalSetting, DEVICE_ID_KEY)
        if setting is None:
            setting = LocalSetting(key=DEVICE_ID_KEY, value=new_id())
            session.add(setting)
        return setting.value


#: Set in a store created without a key (tests, tools): the application then leaves it plain instead of
#: converting it, because someone chose so explicitly. A store from before encryption has no such mark.
PLAIN_BY_CHOICE_KEY = "plain_store_by_choice"


def mark_plain_by_choice(engine: Engine) -> None:
    factory = sessionmaker(bind=engine, class_=LocalSession)
    with factory.begin() as session:
        if session.get(LocalSetting, PLAIN_BY_CHOICE_KEY) is None:
            session.add(LocalSetting(key=PLAIN_BY_CHOICE_KEY, value="1"))


def plain_by_choice(path: Path) -> bool:
    """True for a plain store created explicitly without a key (see :data:`PLAIN_BY_CHOICE_KEY`)."""
    if store_file_kind(path) != "plain":
        return False
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM local_setting WHERE key = ?", (PLAIN_BY_CHOICE_KEY,)).fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return bool(row and row[0] == "1")


def read_setting(session: LocalSession, key: str) -> str | None:
    return session.scalar(select(LocalSetting.value).where(LocalSetting.key == key))
