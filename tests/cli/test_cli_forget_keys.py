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
print("smtp=" + ("present" if any(keyring.get_password("pac-desktop-messaging", f"smtp:{o}")
                                  for o in open(os.path.join(os.environ["DATA"], "orgs.txt")).read().split())
                 else "absent"))
PY
}
pac init >/dev/null
"$PYTHON" - <<'PY'
import os
from pathlib import Path
from pac_desktop.domain.enums import StaffRole
from pac_desktop.messaging.mail import SmtpSettings
from pac_desktop.cli.common import ask_store_passphrase
from pac_desktop.security.store_key import open_encrypted_store
from pac_desktop.services.registry import Services
from pac_desktop.services.staff import actor_for
store = open_encrypted_store(Path(os.environ["DATA"]), ask_passphrase=ask_store_passphrase)
s = Services.build(store)
sid = s.staff.add(first_name="Adèle", last_name="Testadmin", organisation_code="cio-tarbes",
                  roles=[StaffRole.ADMINISTRATOR])
with s.ctx.read() as db:
    admin = actor_for(db, sid)
s.messaging_settings.set_smtp(organisation_id=admin.organisation_id, password="mdp-essai-2026", by=admin,
                              settings=SmtpSettings(host="smtp.exemple.fr", sender_address="a@exemple.fr"))
open(os.path.join(os.environ["DATA"], "orgs.txt"), "w").write(admin.organisation_id)
store.engine.dispose()
PY
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
    assert lines.index("smtp=present") < lines.index("smtp=absent")  # a structure's SMTP password (issue 18)
    forgotten = [line for line in lines if line.startswith("Trousseau :")]
    assert forgotten[0].startswith("Trousseau : 2 entrées supprimées") and forgotten[1].startswith("Trousseau : 0 entrée")
