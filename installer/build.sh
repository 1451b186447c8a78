#!/usr/bin/env bash
# Build PAC Desktop's one-folder bundle with PyInstaller, smoke-test the frozen app, and package it for Linux.
#
#   installer/build.sh                    # uses .venv/bin/python (the README's venv), or $PYTHON
#   PYTHON=/path/to/python installer/build.sh
#
# Output: installer/dist/pac-desktop/ (the bundle) and installer/dist/pac-desktop-<version>-linux-<arch>.tar.gz
# (the bundle + install.sh/uninstall.sh for a per-user install in ~/.local). Exit status non-zero if the build
# or the frozen self-test fails; the self-test's lines say what failed.
# PAC_DIST_DIR and PAC_WORK_DIR move the output and PyInstaller's work folder (the slow test builds in a
# temporary folder).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
started=$SECONDS

step() { printf '\n=== %s ===\n' "$*"; }
die() { printf 'build.sh : %s\n' "$*" >&2; exit 1; }

if [ -z "${PYTHON:-}" ]; then
    if [ -x "$ROOT/.venv/bin/python" ]; then
        PYTHON="$ROOT/.venv/bin/python"
    else
        die "pas d'environnement Python : créez .venv comme le dit le README, ou donnez PYTHON=/chemin/vers/python"
    fi
fi
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null || die "$PYTHON n'est pas un Python 3.11 ou plus récent"

VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' pac_desktop/__init__.py)"
[ -n "$VERSION" ] || die "version introuvable dans pac_desktop/__init__.py"
ARCH="$(uname -m)"
DIST="${PAC_DIST_DIR:-$ROOT/installer/dist}"
WORK="${PAC_WORK_DIR:-$ROOT/installer/build}"
BUNDLE="$DIST/pac-desktop"

step "PAC Desktop $VERSION — Python: $PYTHON"
if ! "$PYTHON" -c 'import PyInstaller, pac_desktop, sqlcipher3' 2>/dev/null; then
    step "Installing the build extra (PyInstaller) into that environment"
    "$PYTHON" -m pip install --disable-pip-version-check -q -e "$ROOT[build]"
fi
# Reproducible builds (issue 14): the bundle's packages are the ones of the lock, each checked against its hash.
# Refresh: see "Lock files" in the README. PAC_NO_LOCK=1 builds with the environment as it is (development only).
LOCK="$ROOT/installer/requirements-bundle.lock"
if [ "${PAC_NO_LOCK:-0}" != 1 ]; then
    step "Locked dependencies: installer/requirements-bundle.lock (hashes checked)"
    "$PYTHON" -m pip install --disable-pip-version-check -q --require-hashes --no-deps -r "$LOCK" \
        || die "les paquets du fichier de verrouillage $LOCK n'ont pas pu être installés (empreintes vérifiées)"
fi
"$PYTHON" -m PyInstaller --version

step "PyInstaller one-folder build"
rm -rf "$BUNDLE"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" installer/pac_desktop.spec
[ -x "$BUNDLE/pac-desktop" ] || die "l'exécutable $BUNDLE/pac-desktop n'a pas été produit"

step "Smoke test of the frozen app: pac-desktop --self-test"
# Not inherited: a data folder (the self-test makes a temporary store of its own anyway) and a keyring backend
# chosen by name for a development environment (a test module the bundle does not hold).
if ! env -u PAC_DATA_DIR -u PYTHON_KEYRING_BACKEND "$BUNDLE/pac-desktop" --self-test; then
    die "l'autotest de l'application figée a échoué (lignes ÉCHEC ci-dessus) : rien n'a été empaqueté"
fi

step "Linux tarball"
NAME="pac-desktop-$VERSION"
STAGE="$WORK/tarball/$NAME"
rm -rf "$WORK/tarball"
mkdir -p "$STAGE/icons"
cp -a "$BUNDLE" "$STAGE/pac-desktop"
cp installer/linux/install.sh installer/linux/uninstall.sh installer/linux/pac-desktop.desktop "$STAGE/"
cp installer/linux/LISEZMOI.txt "$STAGE/"
cp resources/icons/pac-desktop.svg resources/icons/pac-desktop.png "$STAGE/icons/"
chmod 755 "$STAGE/install.sh" "$STAGE/uninstall.sh"
TARBALL="$DIST/$NAME-linux-$ARCH.tar.gz"
tar --owner=0 --group=0 --numeric-owner -czf "$TARBALL" -C "$WORK/tarball" "$NAME"

step "Done in $((SECONDS - started)) s"
printf 'bundle:  %s (%s)\n' "$BUNDLE" "$(du -sh "$BUNDLE" | cut -f1)"
printf 'tarball: %s (%s)\n' "$TARBALL" "$(du -sh "$TARBALL" | cut -f1)"
