"""The signing key sealed under a validation PIN (issue 13 after issue 12): only the right PIN, for the right staff
member and the password it was sealed under, opens it; an altered entry opens nothing; the entry holds no secret
in clear (pac_desktop.security.pin_seal)."""

from __future__ import annotations

import base64
import json

import pytest

from pac_desktop.security.passwords import hash_password
from pac_desktop.security.pin_seal import SealBroken, SealStale, open_seal, seal
from pac_desktop.security.signing import derive_signing_key, key_id, public_bytes

STAFF, OTHER = "5eed0000-0000-4000-8000-000000000001", "5eed0000-0000-4000-8000-000000000002"


@pytest.fixture(scope="module")
def sealed():
    password_hash = hash_password("mot-de-passe-fictif-1")
    key = derive_signing_key("mot-de-passe-fictif-1", staff_id=STAFF, password_hash=password_hash)
    return key, password_hash, seal(key, pin="4826", staff_id=STAFF, password_hash=password_hash)


def test_the_right_pin_opens_the_key_it_sealed(sealed):
    key, password_hash, entry = sealed
    opened = open_seal(entry, pin="4826", staff_id=STAFF, password_hash=password_hash)
    assert key_id(public_bytes(opened)) == key_id(public_bytes(key))
    seed = key.private_bytes_raw()
    assert "4826" not in entry and base64.b64encode(seed).decode() not in entry and seed.hex() not in entry
    assert password_hash not in entry  # only a fingerprint of it


def test_a_wrong_pin_another_staff_member_or_an_altered_entry_open_nothing(sealed):
    _key, password_hash, entry = sealed
    for pin in ("4827", "7391", "48260"):
        with pytest.raises(SealBroken):
            open_seal(entry, pin=pin, staff_id=STAFF, password_hash=password_hash)
    with pytest.raises(SealBroken):  # moved to someone else's entry
        open_seal(entry, pin="4826", staff_id=OTHER, password_hash=password_hash)
    data = json.loads(entry)
    for field in ("sealed", "nonce", "salt"):
        raw = bytearray(base64.b64decode(data[field]))
        raw[0] ^= 0x80
        with pytest.raises(SealBroken):
            open_seal(json.dumps({**data, field: base64.b64encode(bytes(raw)).decode()}), pin="4826",
                      staff_id=STAFF, password_hash=password_hash)
    with pytest.raises(SealBroken):  # the key id it names is part of what is sealed
        open_seal(json.dumps({**data, "key_id": "0" * 32}), pin="4826", staff_id=STAFF, password_hash=password_hash)
    for junk in ("", "{}", "pas du json", json.dumps({**data, "v": 2})):
        with pytest.raises(SealBroken):
            open_seal(junk, pin="4826", staff_id=STAFF, password_hash=password_hash)


def test_a_seal_made_under_a_former_password_is_stale(sealed):
    _key, _password_hash, entry = sealed
    with pytest.raises(SealStale):
        open_seal(entry, pin="4826", staff_id=STAFF, password_hash=hash_password("nouveau-mot-de-passe-2"))
