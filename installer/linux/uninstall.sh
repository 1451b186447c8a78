#!/usr/bin/env bash
# Désinstalle PAC Desktop de ce compte. Vos données sont conservées, sauf si vous le demandez
# (installé aussi avec l'application : ~/.local/opt/pac-desktop/uninstall.sh) :
#   ./uninstall.sh                       retire l'application, garde les données
#   ./uninstall.sh --supprimer-donnees   retire aussi la base locale et ses copies de sécurité (irréversible)
set -euo pipefail

prefix="${PREFIX:-$HOME/.local}"
data_dir="${PAC_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/pac-desktop}"
remove_data=0
case "${1:-}" in
    "") ;;
    --supprimer-donnees) remove_data=1 ;;
    *) echo "usage : $0 [--supprimer-donnees]" >&2; exit 2 ;;
esac

# With the data go the keys of the store, of its sync and of its evaluation reserve (the keyring), while the
# application that knows their names is still there.
if [ "$remove_data" = 1 ] && [ -d "$data_dir" ] && [ -x "$prefix/opt/pac-desktop/pac" ]; then
    "$prefix/opt/pac-desktop/pac" --data-dir "$data_dir" security forget-keys \
        || echo "Les clés du trousseau n'ont pas pu être supprimées (trousseau verrouillé ?)." >&2
fi

rm -rf "$prefix/opt/pac-desktop"
rm -f "$prefix/bin/pac-desktop" "$prefix/bin/pac" "$prefix/share/applications/pac-desktop.desktop" \
      "$prefix/share/icons/hicolor/scalable/apps/pac-desktop.svg" \
      "$prefix/share/icons/hicolor/256x256/apps/pac-desktop.png"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
echo "PAC Desktop a été désinstallé."

if [ "$remove_data" = 1 ]; then
    rm -rf "$data_dir"
    echo "Les données de PAC Desktop ($data_dir) ont été supprimées."
elif [ -d "$data_dir" ]; then
    echo "Vos données sont conservées dans $data_dir."
    echo "Pour les supprimer aussi : uninstall.sh --supprimer-donnees (celui de l'archive d'installation)"
fi
