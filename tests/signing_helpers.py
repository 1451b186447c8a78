"""Test signing keys (issue 12): each fictitious staff member's key made from their id, shared by the sync tests
and their worker processes, so that no password has to be derived at each test. The derivation from a real
password is tested in tests/sync/test_sync_signed_authorship.py."""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pac_desktop.security.signing import SigningKeys


def fictitious_key(staff_id: str) -> Ed25519PrivateKey:
    """A fictitious staff member's signing key in the sync tests."""
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"pac-test-signing-key|" + staff_id.encode()).digest())


class AnyAuthorKeys(SigningKeys):
    """Signs as anyone the test names as author, with their test key (as if each had signed in)."""

    def sign(self, staff_id: str, payload: bytes) -> tuple[str, str] | None:
        if not self.holds(staff_id):
            self.hold(staff_id, fictitious_key(staff_id))
        return super().sign(staff_id, payload)


TEST_KEYS = AnyAuthorKeys()
