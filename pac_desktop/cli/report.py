"""`pac report …`: the printed documents as PDF files, in batch (same services and audit trail as the GUI)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pac_desktop.domain.errors import NotFound
from pac_desktop.domain.french import plural

from .common import cli_actor, french_date, login_option, open_services


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help="documents imprimables (PDF) : synthèse, passeport, comité, indicateurs")
    sub = report.add_subparsers(dest="report_command", metavar="DOCUMENT", required=True)

    session = sub.add_parser("session", help="fiche de synthèse d'un accueil commun")
    session.add_argument("id", metavar="ID", help="identifiant de l'accueil commun")
    session.add_argument("--pseudonymised", action="store_true", help="initiales seulement, sans coordonnées")
    _output(session)
    session.set_defaults(handler=cmd_session)

    passport = sub.add_parser("passport", help="passeport du jeune (une page)")
    passport.add_argument("id", metavar="ID", help="identifiant de l'accueil commun ou du jeune")
    _output(passport)
    passport.set_defaults(handler=cmd_passport)

    committee = sub.add_parser("committee", help="dossier du comité technique local d'un territoire")
    committee.add_argument("--territory", required=True, metavar="T", help="code du territoire (ex. tarbes)")
    _period(committee, required=True)
    committee.add_argument("--pseudonymised", action="store_true", help="initiales seulement, sans coordonnées")
    _output(committee)
    committee.set_defaults(handler=cmd_committee)

    indicators = sub.add_parser("indicators", help="indicateurs du dispositif, avec graphiques")
    _period(indicators, required=True)
    indicators.add_argument("--territory", metavar="T", help="code du territoire (par défaut : tous)")
    _output(indicators)
    indicators.set_defaults(handler=cmd_indicators)


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FICHIER", help="fichier PDF à écrire")
    login_option(parser)  # every document says who printed it (audit trail), and the roles apply


def _period(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--from", dest="date_from", required=required, type=french_date, metavar="JJ/MM/AAAA",
                        help="début de la période (inclus)")
    parser.add_argument("--to", dest="date_to", required=required, type=french_date, metavar="JJ/MM/AAAA",
                        help="fin de la période (incluse)")


def _done(services, actor, label: str, printed) -> int:  # noqa: ANN001 - Services, Actor, PrintedDocument
    # The document was laid out (audited as prepared); written where the user asked, it is an export.
    services.documents.record_copy(document=printed, output="file", actor=actor)
    print(f"{label} : {printed.path} ({plural(printed.pages, 'page')}).")
    return 0


def cmd_session(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    printed = services.documents.print_session_summary(
        intake_id=args.id, path=args.output, actor=actor, pseudonymised=args.pseudonymised
    )
    return _done(services, actor, "Fiche de synthèse", printed)


def cmd_passport(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    try:
        printed = services.documents.print_passport(intake_id=args.id, path=args.output, actor=actor)
    except NotFound:
        # Not an intake: perhaps a youth, whose latest intake gives the passport.
        printed = services.documents.print_passport(youth_id=args.id, path=args.output, actor=actor)
    return _done(services, actor, "Passeport", printed)


def _progress_printer():  # noqa: ANN202 - a progress callback
    last = [-1]

    def report(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if percent // 10 != last[0] and sys.stderr.isatty():
            last[0] = percent // 10
            print(f"\r{percent} %", end="", file=sys.stderr, flush=True)

    return report


def cmd_committee(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    printed = services.documents.print_committee_pack(
        territory_code=args.territory,
        date_from=args.date_from,
        date_to=args.date_to,
        pseudonymised=args.pseudonymised,
        path=args.output,
        actor=actor,
        progress=_progress_printer(),
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return _done(services, actor, "Dossier du comité", printed)


def cmd_indicators(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    printed = services.documents.print_indicators(
        date_from=args.date_from,
        date_to=args.date_to,
        territory_code=args.territory,
        path=args.output,
        actor=actor,
    )
    return _done(services, actor, "Rapport d'indicateurs", printed)
