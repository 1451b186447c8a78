"""`pac reperage import FICHIER --territory T`: import a list of youths to contact (issue 18), same service as the GUI."""

from __future__ import annotations

import argparse
from pathlib import Path

from pac_desktop.domain.errors import DomainError
from pac_desktop.services.reperage import ImportRefused, LineStatus, Target
from pac_desktop.services.reperage.importing import STATUS_LABELS, TARGET_LABELS

from .common import cli_actor, login_option, open_services
from .youth import _territory_id


def register(commands: argparse._SubParsersAction) -> None:
    reperage = commands.add_parser("reperage", help="repérage : listes de jeunes à contacter")
    sub = reperage.add_subparsers(dest="reperage_command", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="importer une liste (CSV ou XLSX) de jeunes à contacter")
    imp.add_argument("file", type=Path, metavar="FICHIER", help="la liste : .csv (UTF-8 ou Windows-1252) ou .xlsx")
    imp.add_argument("--territory", required=True, help="code du territoire (ariege, tarbes, toulouse-mirail…)")
    imp.add_argument("--column", action="append", default=[], metavar="« COLONNE=champ »",
                     help="corriger la correspondance d'une colonne (répétable), champs : "
                          + ", ".join(t.value for t in Target) + " ; « COLONNE= » pour l'ignorer")
    imp.add_argument("--preview", action="store_true", help="seulement l'aperçu : rien n'est importé")
    imp.add_argument("--skip-errors", action="store_true", help="importer les lignes valides, laisser les autres")
    login_option(imp)
    imp.set_defaults(handler=cmd_import)


def _mapping(services, path: Path, columns: list[str]) -> tuple[object, dict[str, Target | None]]:
    table = services.reperage_import.read(path)
    mapping = services.reperage_import.mapping_for(table.headers)
    for item in columns:
        header, _, target = item.partition("=")
        if header not in mapping:
            raise DomainError(f"La colonne « {header} » n'est pas dans le fichier. Colonnes : "
                              + ", ".join(f"« {h} »" for h in table.headers) + ".")
        try:
            mapping[header] = Target(target.strip()) if target.strip() else None
        except ValueError:
            raise DomainError(f"Champ inconnu « {target} ». Champs : "
                              + ", ".join(t.value for t in Target) + ".") from None
    return table, mapping


def _print_report(report) -> None:
    for header, target in report.mapping.items():
        print(f"  « {header} » → {TARGET_LABELS[target] if target else '(ignorée)'}")
    for note in report.notes:
        print(note)
    for line in report.lines:
        if line.status in (LineStatus.ERROR, LineStatus.POSSIBLE_DUPLICATE):
            print(f"Ligne {line.line} — {STATUS_LABELS[line.status]} : {' '.join(line.messages)}")
    print(report.summary())


def cmd_import(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    territory_id = _territory_id(services, args.territory)
    table, mapping = _mapping(services, args.file, args.column)
    if args.preview:
        _print_report(services.reperage_import.preview(path=args.file, territory_id=territory_id, by=actor,
                                                       mapping=mapping, table=table))
        return 0
    try:
        report = services.reperage_import.run(path=args.file, territory_id=territory_id, by=actor, mapping=mapping,
                                              table=table, skip_errors=args.skip_errors)
    except ImportRefused as refused:
        _print_report(refused.report)
        raise
    _print_report(report)
    return 0
