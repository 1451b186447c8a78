"""The real build: installer/build.sh makes the one-folder bundle, smoke-tests it and packs the tarball.

Slow (about a minute): skipped unless asked with ``pytest -m slow`` or ``PAC_RUN_SLOW=1``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from pac_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),
    pytest.mark.skipif(sys.platform != "linux", reason="build.sh is the Linux build (build.ps1 is Windows')"),
]


@pytest.fixture(autouse=True)
def _only_when_asked(request: pytest.FixtureRequest) -> None:
    asked = "slow" in (request.config.getoption("markexpr") or "") or os.environ.get("PAC_RUN_SLOW") == "1"
    if not asked:
        pytest.skip("frozen build: run with -m slow or PAC_RUN_SLOW=1")


def test_build_script_makes_a_bundle_whose_self_test_passes(tmp_path: Path) -> None:
    dist, work = tmp_path / "dist", tmp_path / "work"
    env = {**os.environ, "PYTHON": sys.executable, "PAC_DIST_DIR": str(dist), "PAC_WORK_DIR": str(work)}
    env.pop("PAC_DATA_DIR", None)
    env.pop("PYTHON_KEYRING_BACKEND", None)  # the tests' keyring module is not in the bundle: the system's
    build = subprocess.run(
        ["bash", str(ROOT / "installer" / "build.sh")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=840,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-4000:] + build.stderr[-4000:]
    assert "OK  fenêtre principale (hors écran)" in build.stdout  # build.sh ran the frozen self-test

    bundle = dist / "pac-desktop"
    internal = bundle / "_internal"
    # What the frozen app finds through paths.resource_path / ui_path and storage.migrate.
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (internal / "resources" / "licences" / "LGPL-3.0.txt").is_file()
    assert list((internal / "ui").glob("*.ui"))
    assert list((internal / "pac_desktop" / "storage" / "migrations" / "versions").glob("0001_*.py"))
    # LGPL: Qt's libraries are separate, replaceable files; Qt's French translation is there.
    assert list(internal.rglob("libQt6Core.so*"))
    assert list(internal.rglob("qtbase_fr.qm"))
    assert not list(internal.rglob("qtbase_de.qm"))
    # Left out on purpose.
    for absent in ("tkinter", "pytest", "fastapi", "libqgtk3.so"):
        assert not list(internal.rglob(f"{absent}*")), absent

    # The frozen app again, on its own, with a report file.
    report = tmp_path / "rapport.txt"
    run = subprocess.run(
        [str(bundle / "pac-desktop"), "--self-test", str(report)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**env, "HOME": str(tmp_path / "home")},
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[-1].startswith("Autotest de PAC Desktop") and not any(line.startswith("ÉCHEC") for line in lines)

    # `pac`, the command line, beside pac-desktop in the bundle (issue 14): a new store protected by a
    # passphrase (no keyring on a build machine), the reference data, the figures.
    cli_env = {**env, "HOME": str(tmp_path / "home"), "PAC_STORE_PASSPHRASE": "une phrase de test assez longue"}
    store = str(tmp_path / "pac-data")

    def pac(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(bundle / "pac"), *args], capture_output=True, text=True, encoding="utf-8",
                              env=cli_env, timeout=120, check=False)

    version = pac("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"pac {__version__}", version.stdout + version.stderr
    assert pac("--data-dir", store, "security", "no-keyring", "passphrase").returncode == 0
    init = pac("--data-dir", store, "init")
    assert init.returncode == 0 and "Données de référence chargées" in init.stdout, init.stdout + init.stderr
    stats = pac("--data-dir", store, "stats")
    assert stats.returncode == 0 and "Tarbes" in stats.stdout and "Total" in stats.stdout, stats.stdout + stats.stderr

    if shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session"):
        # A real Secret Service (GNOME Keyring, unlocked in a private D-Bus session): the frozen app's keyring
        # backends find it, and the self-test writes, reads and deletes its throwaway entry there.
        script = (
            'echo -n "essai" | gnome-keyring-daemon --unlock --components=secrets > keyring.env 2>/dev/null; '
            'export $(cat keyring.env); exec "$0" --self-test'
        )
        keyring_home = tmp_path / "keyring-home"
        keyring_home.mkdir()
        secret = subprocess.run(
            ["dbus-run-session", "--", "bash", "-c", script, str(bundle / "pac-desktop")],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**env, "HOME": str(keyring_home)},
            cwd=keyring_home,
            timeout=120,
            check=False,
        )
        assert "OK  trousseau du système : keyring.backends.SecretService.Keyring" in secret.stdout, secret.stdout
        assert secret.returncode == 0, secret.stdout + secret.stderr

    tarball = dist / f"pac-desktop-{__version__}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
    top = f"pac-desktop-{__version__}"
    for member in (
        "install.sh",
        "uninstall.sh",
        "pac-desktop.desktop",
        "LISEZMOI.txt",
        "icons/pac-desktop.svg",
        "icons/pac-desktop.png",
        "pac-desktop/pac-desktop",
        "pac-desktop/pac",
    ):
        assert f"{top}/{member}" in names, member

    # An agency's Linux install from the tarball: per user, under PREFIX; the uninstall keeps the data.
    unpacked, prefix, home = tmp_path / "unpacked", tmp_path / "prefix", tmp_path / "home"
    with tarfile.open(tarball) as archive:
        archive.extractall(unpacked, filter="tar")
    user_env = {**env, "HOME": str(home), "PREFIX": str(prefix), "XDG_DATA_HOME": str(home / "share")}
    install = subprocess.run(
        [str(unpacked / top / "install.sh")], capture_output=True, text=True, env=user_env, timeout=120, check=False
    )
    assert install.returncode == 0, install.stdout + install.stderr
    assert "PAC Desktop est installé" in install.stdout
    desktop_entry = (prefix / "share" / "applications" / "pac-desktop.desktop").read_text(encoding="utf-8")
    assert f'Exec="{prefix}/opt/pac-desktop/pac-desktop"' in desktop_entry
    assert (prefix / "bin" / "pac-desktop").resolve() == (prefix / "opt" / "pac-desktop" / "pac-desktop")
    assert (prefix / "bin" / "pac").resolve() == (prefix / "opt" / "pac-desktop" / "pac")
    installed_uninstall = prefix / "opt" / "pac-desktop" / "uninstall.sh"
    assert installed_uninstall.is_file()  # the uninstaller stays with the application (issue 14)
    assert (prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / "pac-desktop.png").is_file()
    data = home / "share" / "pac-desktop"
    data.mkdir(parents=True)
    (data / "pac.sqlite3").write_bytes(b"")
    uninstall = subprocess.run(
        [str(installed_uninstall)], capture_output=True, text=True, env=user_env, timeout=60, check=False
    )
    assert uninstall.returncode == 0, uninstall.stdout + uninstall.stderr
    assert not (prefix / "opt" / "pac-desktop").exists() and not (prefix / "bin" / "pac-desktop").exists()
    assert not (prefix / "bin" / "pac").is_symlink()
    assert (data / "pac.sqlite3").exists() and "Vos données sont conservées" in uninstall.stdout
