#!/usr/bin/env bash
# Installe PAC Desktop pour l'utilisateur courant, sans droits d'administrateur :
#   l'application dans ~/.local/opt/pac-desktop (avec uninstall.sh), les commandes ~/.local/bin/pac-desktop
#   et ~/.local/bin/pac (la ligne de commande),
#   l'entrée du menu des applications et l'icône dans ~/.local/share.
# Relancer ce script avec une nouvelle version met l'application à jour ; les données
# (~/.local/share/pac-desktop) ne sont jamais touchées.
#
#   ./install.sh                 installer (ou mettre à jour) puis vérifier l'installation
#   PREFIX=/autre/dossier ./install.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="${PREFIX:-$HOME/.local}"
app_dir="$prefix/opt/pac-desktop"
apps="$prefix/share/applications"
icons="$prefix/share/icons/hicolor"

[ -x "$here/pac-desktop/pac-desktop" ] || { echo "install.sh : l'application est introuvable à côté de ce script." >&2; exit 1; }

echo "Installation de PAC Desktop dans $app_dir"
mkdir -p "$prefix/opt" "$prefix/bin" "$apps" "$icons/scalable/apps" "$icons/256x256/apps"
rm -rf "$app_dir.nouveau"
cp -a "$here/pac-desktop" "$app_dir.nouveau"
rm -rf "$app_dir"
mv "$app_dir.nouveau" "$app_dir"
ln -sfn "$app_dir/pac-desktop" "$prefix/bin/pac-desktop"
ln -sfn "$app_dir/pac" "$prefix/bin/pac"  # the command line, for IT (pac --help)
cp "$here/uninstall.sh" "$app_dir/uninstall.sh"  # the uninstaller stays with the application
chmod 755 "$app_dir/uninstall.sh"

# Exec with the absolute path: ~/.local/bin is not always in the desktop session's PATH.
sed "s|^Exec=.*|Exec=\"$app_dir/pac-desktop\"|" "$here/pac-desktop.desktop" > "$apps/pac-desktop.desktop"
chmod 644 "$apps/pac-desktop.desktop"
cp "$here/icons/pac-desktop.svg" "$icons/scalable/apps/pac-desktop.svg"
cp "$here/icons/pac-desktop.png" "$icons/256x256/apps/pac-desktop.png"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" 2>/dev/null || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true

echo "Vérification de l'installation (autotest) :"
if "$app_dir/pac-desktop" --self-test; then
    echo
    echo "PAC Desktop est installé. Lancez-le depuis le menu des applications (rubrique Bureautique)"
    echo "ou avec la commande : pac-desktop"
else
    echo
    echo "PAC Desktop est installé, mais l'autotest a signalé un problème (lignes ÉCHEC ci-dessus)." >&2
    echo "Transmettez ces lignes à la personne qui gère l'informatique de votre structure." >&2
    exit 1
fi
