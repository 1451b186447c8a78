"""The application hashes passwords at OWASP's scrypt floor (N=2^17, r=8, p=1); only this test suite's own
process lowers the cost for its fictitious staff (tests/conftest.py)."""

from __future__ import annotations

import subprocess
import sys

from pac_desktop.security import passwords


def test_a_fresh_process_hashes_at_the_owasp_floor() -> None:
    code = (
        "from pac_desktop.security.passwords import hash_password, dummy_hash, scrypt_cost\n"
        "print(scrypt_cost(hash_password('un-mot-de-passe')), dummy_hash().split('$')[1])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["(131072,", "8,", "1)", "131072"]


def test_a_hash_keeps_its_own_cost_whatever_the_current_one() -> None:
    strong = passwords.hash_password("un-mot-de-passe", n=passwords.OWASP_N)
    assert passwords.scrypt_cost(strong) == (2**17, 8, 1)
    assert passwords.verify_password("un-mot-de-passe", strong)
    assert not passwords.verify_password("un-autre", strong)
