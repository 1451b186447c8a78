"""`pac-desktop --self-test`, unfrozen, in a subprocess as an agency's IT would run it (the frozen one: test_build)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

LABELS = (
    "base locale et migrations",
    "écriture et lecture par les services",
    "document PDF (ReportLab, police DejaVu)",
    "trousseau du système",
    "bibliothèque de chiffrement SQLCipher",
    "liaison Python de Qt (PySide6)",
    "icônes et traduction française de Qt",
    "fenêtre principale (hors écran)",
)

pytestmark = pytest.mark.timeout(180)

try:
    import sqlcipher3  # noqa: F401

    HAVE_SQLCIPHER = True
except ModuleNotFoundError:
    HAVE_SQLCIPHER = False


def run_self_test(*args: str, keyring_backend: str | None, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PAC_DATA_DIR", "PYTHON_KEYRING_BACKEND")}
    # tests/ holds the tests' in-memory keyring (privacy_keyring.py, the one tests/conftest.py installs).
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests"), str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONIOENCODING"] = "utf-8"
    env["HOME"] = str(tmp_path / "home")  # nothing may land in the real user folders
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "share")
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must force offscreen itself
    if keyring_backend:
        env["PYTHON_KEYRING_BACKEND"] = keyring_backend
    return subprocess.run(
        [sys.executable, "-m", "pac_desktop.app", "--self-test", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=150,
        check=False,
    )


def line_for(output: str, label: str) -> str:
    found = [line for line in output.splitlines() if line.split("  ", 1)[-1].startswith(label)]
    assert len(found) == 1, f"no single line for {label!r} in:\n{output}"
    return found[0]


def test_every_check_passes_on_a_working_installation(tmp_path: Path) -> None:
    data_dir = tmp_path / "donnees"
    result = run_self_test(
        "--data-dir", str(data_dir), keyring_backend="privacy_keyring.MemoryKeyring", tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert data_dir.is_dir() and list(data_dir.iterdir()) == []  # its temporary store was made there, then removed
    for label in LABELS:
        line = line_for(result.stdout, label)
        if label == "bibliothèque de chiffrement SQLCipher" and not HAVE_SQLCIPHER:
            assert line.startswith("ATTENTION  "), line  # a dev venv without the build extra
        else:
            assert line.startswith("OK  "), result.stdout
    assert "privacy_keyring.MemoryKeyring" in line_for(result.stdout, "trousseau du système")
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith("Autotest de PAC Desktop ") and "0 échec" in summary
    assert not any(tmp_path.rglob("*.sqlite3"))  # nothing left behind, in the data folder or the user's


def test_no_secure_keyring_is_a_french_warning_not_a_failure(tmp_path: Path) -> None:
    report = tmp_path / "rapport.txt"
    result = run_self_test(str(report), keyring_backend="keyring.backends.fail.Keyring", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    line = line_for(result.stdout, "trousseau du système")
    assert line.startswith("ATTENTION  trousseau du système : aucun trousseau sécurisé"), line
    assert "Gestionnaire d'identification" in line
    # The report file holds the same lines (a windowed Windows build has no console to print them on).
    assert report.read_text(encoding="utf-8") == result.stdout.replace("\r\n", "\n")


def test_an_unwritable_data_folder_fails_with_french_reasons(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "fichier.txt"
    not_a_folder.write_text("un fichier, pas un dossier", encoding="utf-8")
    data_dir = not_a_folder / "donnees"

    result = run_self_test(
        "--data-dir", str(data_dir), keyring_backend="privacy_keyring.MemoryKeyring", tmp_path=tmp_path
    )

    assert result.returncode == 1, result.stdout + result.stderr
    store_line = line_for(result.stdout, "base locale et migrations")
    assert store_line.startswith("ÉCHEC  base locale et migrations : le dossier des données"), store_line
    assert str(data_dir) in store_line and "n'est pas accessible en écriture" in store_line
    for label in ("écriture et lecture par les services", "fenêtre principale (hors écran)"):
        assert (
            line_for(result.stdout, label)
            == f"ÉCHEC  {label} : non vérifié, car la base locale n'a pas pu être ouverte"
        )
    # The checks that do not need the store still ran and passed.
    assert line_for(result.stdout, "document PDF (ReportLab, police DejaVu)").startswith("OK  ")
    failed = sum(line.startswith("ÉCHEC  ") for line in result.stdout.splitlines())
    assert f" {failed} échecs," in result.stdout.splitlines()[-1]
