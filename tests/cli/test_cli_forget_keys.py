"""Removing the data also removes the keyring entries (issue 14): `pac security forget-keys`, which the Linux
uninstall.sh runs with --supprimer-donnees, under a real Secret Service (GNOME Keyring in a private D-Bus
session, tests/tools/with-keyring.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

WITH_KEYRING = Path(__file__).resolve().parents[1] / "tools" / "with-keyring.sh"

SCENARIO = r"""
set -e
pac() { "$PYTHON" -m pac_desktop.cli --data-dir "$DATA" "$@"; }
keys() { "$PYTHON" - <<'PY'
import json, os, keyring
info = json.load(open(os.path.join(os.environ["DATA"], "pac.sqlite3.cle.json")))
print("store_key=" + ("present" if keyring.get_password("pac-desktop-store", info["store_id"]) else "absent"))
print("backend=" + type(keyring.get_keyring()).__module__)
PY
}
pac init >/dev/null
keys
pac security forget-keys
keys
pac security forget-keys
"""


@pytest.mark.skipif(not (shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session")),
                    reason="needs gnome-keyring and dbus (installed by .ci/run)")
def test_forget_keys_removes_the_store_key_from_a_real_secret_service(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "PAC_DATA_DIR"}
    env.update(PYTHON=sys.executable, DATA=str(tmp_path / "data"), HOME=str(tmp_path / "home"))
    result = subprocess.run(["bash", str(WITH_KEYRING), "bash", "-c", SCENARIO], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=120, check=False)
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "backend=keyring.backends.SecretService" in lines
    assert lines.index("store_key=present") < lines.index("store_key=absent")
    forgotten = [line for line in lines if line.startswith("Trousseau :")]
    assert forgotten[0].startswith("Trousseau : 1 entrée supprimée") and forgotten[1].startswith("Trousseau : 0 entrée")
