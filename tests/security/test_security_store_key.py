"""The encrypted local store: no plaintext on disk, no opening without the key, and a distinct French message
for a wrong key, a missing keyring entry and a damaged file; a plain store converted without losing a row."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from privacy_helpers import make_youth
from privacy_keyring import MemoryKeyring

from pac_desktop.security.store_key import (
    STORE_KEY_SERVICE,
    DamagedStore,
    NoKeyringPolicy,
    NoSecureKeyring,
    PassphraseRequired,
    StoreKeyMissing,
    WrongStoreKey,
    keyinfo_path,
    open_encrypted_store,
    passphrase_needed,
    read_keyinfo,
    write_policy,
)
from pac_desktop.services.registry import Services
from pac_desktop.storage.store import (
    PLAIN_BY_CHOICE_KEY,
    StoreEncrypted,
    StoreKey,
    backup_database,
    database_path,
    fingerprint,
    open_store,
    store_file_kind,
)
from pac_desktop.storage.store import _connect as connect_store  # the tests read the file like the store does

NAME = "Zéphyrinfictif"


@pytest.fixture
def ring() -> MemoryKeyring:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _fill(opened) -> str:
    services = Services.build(opened)
    services.reference.load()
    return make_youth(services, first="Adèle", last=NAME, full_file=True, contact_on=date(2026, 1, 5))


def _all_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())


def test_the_store_file_holds_no_plaintext_and_needs_its_key(data_dir, ring) -> None:
    opened = open_encrypted_store(data_dir)
    _fill(opened)
    opened.engine.dispose()
    path = database_path(data_dir)
    assert store_file_kind(path) == "encrypted"
    for needle in (NAME.encode(), "Zéphyrinfictif".encode("utf-16-le"), b"villefictive", b"SQLite format 3"):
        assert needle not in _all_bytes(data_dir)
    info = read_keyinfo(path)
    assert info.mode == "keyring" and info.salt and info.check
    assert ring.entries[(STORE_KEY_SERVICE, info.store_id)]  # the key is in the keyring…
    assert ring.entries[(STORE_KEY_SERVICE, info.store_id)] not in keyinfo_path(path).read_text()  # …and only there
    with pytest.raises(StoreEncrypted, match="chiffrée"):
        open_store(data_dir)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchall()
    # And it opens again with the key from the keyring, with its data.
    again = open_encrypted_store(data_dir)
    with again.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT last_name FROM youth").scalar() == NAME
    again.engine.dispose()


def test_wrong_key_missing_key_and_damaged_file_each_have_their_message(data_dir, ring) -> None:
    open_encrypted_store(data_dir).engine.dispose()
    path = database_path(data_dir)
    info = read_keyinfo(path)
    entry = (STORE_KEY_SERVICE, info.store_id)
    right = ring.entries[entry]

    ring.entries[entry] = "ab" * 32
    with pytest.raises(WrongStoreKey, match="pas la sienne") as wrong:
        open_encrypted_store(data_dir)
    ring.entries.pop(entry)
    with pytest.raises(StoreKeyMissing, match="introuvable dans le trousseau") as missing:
        open_encrypted_store(data_dir)
    ring.entries[entry] = right
    original = path.read_bytes()
    damaged = bytearray(original)
    damaged[200:400] = bytes(200)  # inside the first page, after the salt
    path.write_bytes(bytes(damaged))
    with pytest.raises(DamagedStore, match="endommagée : la clé est la bonne") as broken:
        open_encrypted_store(data_dir)
    assert path.read_bytes() == bytes(damaged)  # refused untouched
    assert len({str(wrong.value), str(missing.value), str(broken.value)}) == 3
    path.write_bytes(original)
    open_encrypted_store(data_dir).engine.dispose()


def test_a_plain_store_is_converted_once_without_losing_anything(data_dir, ring) -> None:
    plain = open_store(data_dir)
    _fill(plain)
    with plain.engine.begin() as conn:  # a store from before encryption (not one made plain on purpose)
        conn.exec_driver_sql("DELETE FROM local_setting WHERE key = ?", (PLAIN_BY_CHOICE_KEY,))
    path = database_path(data_dir)
    # A plain backup beside it, as an earlier migration would have left.
    old_backup = backup_database(path, reason="avant-migration")
    with plain.engine.connect() as conn:
        expected = fingerprint(conn.connection.dbapi_connection)
    plain.engine.dispose()
    assert store_file_kind(path) == "plain"

    opened = open_encrypted_store(data_dir)
    opened.engine.dispose()
    assert store_file_kind(path) == "encrypted"
    key = StoreKey(raw=bytes.fromhex(ring.entries[(STORE_KEY_SERVICE, read_keyinfo(path).store_id)]))
    conn = connect_store(path, key)
    try:
        assert fingerprint(conn) == expected
    finally:
        conn.close()
    assert store_file_kind(old_backup) == "encrypted"
    assert NAME.encode() not in _all_bytes(data_dir)
    assert sorted(p.name for p in data_dir.iterdir() if "avant-chiffrement" in p.name or "chiffrement" in p.suffix) == []


def test_a_store_made_plain_on_purpose_stays_plain(data_dir, ring) -> None:
    open_store(data_dir).engine.dispose()  # the storage API without a key: tests and tools only
    open_encrypted_store(data_dir).engine.dispose()
    assert store_file_kind(database_path(data_dir)) == "plain" and not ring.entries


def test_backups_stay_encrypted(data_dir, ring) -> None:
    opened = open_encrypted_store(data_dir)
    _fill(opened)
    path = database_path(data_dir)
    info = read_keyinfo(path)
    key = StoreKey(raw=bytes.fromhex(ring.entries[(STORE_KEY_SERVICE, info.store_id)]))
    backup = backup_database(path, reason="test", key=key)
    opened.engine.dispose()
    assert store_file_kind(backup) == "encrypted" and NAME.encode() not in backup.read_bytes()
    conn = connect_store(backup, key)
    try:
        assert conn.execute("SELECT last_name FROM youth").fetchone()[0] == NAME
    finally:
        conn.close()


def test_no_secure_keyring_refuses_or_asks_a_passphrase_as_the_administrator_chose(data_dir) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(NoSecureKeyring, match="pas de trousseau sécurisé"):
            open_encrypted_store(data_dir)
        assert not database_path(data_dir).exists()
        write_policy(data_dir, NoKeyringPolicy.PASSPHRASE)
        assert passphrase_needed(data_dir) == "new"
        with pytest.raises(PassphraseRequired, match="au moins 12"):
            open_encrypted_store(data_dir, ask_passphrase=lambda new: "court")
        phrase = "trois mots pour une phrase"
        opened = open_encrypted_store(data_dir, ask_passphrase=lambda new: phrase)
        _fill(opened)
        opened.engine.dispose()
        assert read_keyinfo(database_path(data_dir)).mode == "passphrase"
        assert passphrase_needed(data_dir) == "existing"
        assert NAME.encode() not in _all_bytes(data_dir)
        with pytest.raises(WrongStoreKey, match="Vérifiez la phrase secrète"):
            open_encrypted_store(data_dir, ask_passphrase=lambda new: "une autre phrase bien longue")
        with pytest.raises(PassphraseRequired):
            open_encrypted_store(data_dir)
        open_encrypted_store(data_dir, ask_passphrase=lambda new: phrase).engine.dispose()
    finally:
        keyring.set_keyring(previous)
