"""`pac seance …`: joint-intake sessions from the command line (issue 18) — the list, the convocation letters
(one PDF per youth expected), the session's list, the reminders. Same services and audit trail as the GUI."""

from __future__ import annotations

import argparse
from pathlib import Path

from pac_desktop.domain.french import format_date, format_time, plural, to_paris

from .common import cli_actor, login_option, open_services


def register(commands: argparse._SubParsersAction) -> None:
    seance = commands.add_parser("seance", help="séances d'accueil commun : convocations, liste, rappels")
    sub = seance.add_subparsers(dest="seance_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", help="les séances à venir du territoire (et passées avec --past)")
    listing.add_argument("--past", action="store_true", help="aussi les séances passées")
    login_option(listing)
    listing.set_defaults(handler=cmd_list)

    letters = sub.add_parser("convocations", help="une convocation PDF par jeune attendu, dans un dossier")
    letters.add_argument("id", metavar="ID", help="identifiant de la séance")
    letters.add_argument("-o", "--output", required=True, type=Path, metavar="DOSSIER", help="dossier à remplir")
    login_option(letters)
    letters.set_defaults(handler=cmd_convocations)

    sheet = sub.add_parser("liste", help="la liste de la séance pour les conseillers (PDF)")
    sheet.add_argument("id", metavar="ID", help="identifiant de la séance")
    sheet.add_argument("-o", "--output", required=True, type=Path, metavar="FICHIER", help="fichier PDF à écrire")
    login_option(sheet)
    sheet.set_defaults(handler=cmd_list_pdf)


def cmd_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    sessions = services.intake_sessions.sessions(territory_id=actor.territory_id, include_past=args.past)
    for s in sessions:
        state = " (annulée)" if s.cancelled else ""
        print(f"{s.id}  {format_date(s.day)} à {format_time(s.starts_at)}  {s.place}  "
              f"{s.invited_count}/{s.slot_count} jeunes{state}")
    if not sessions:
        print("Aucune séance à venir.")
    return 0


def cmd_convocations(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    detail = services.intake_sessions.session(session_id=args.id)
    written = 0
    for slot in detail.slots:
        if slot.invitation_id is None or slot.status is None or slot.status.value not in ("invited", "confirmed"):
            continue
        local = to_paris(slot.starts_at)
        # The file name holds the day and the time, never the youth's name.
        path = args.output / f"convocation-{local.date().isoformat()}-{local.hour:02d}h{local.minute:02d}.pdf"
        printed = services.convocations.print_convocations(session_id=args.id, path=path, actor=actor,
                                                           invitation_ids=[slot.invitation_id])
        services.documents.record_copy(document=printed, output="file", actor=actor)
        print(f"Convocation de {format_time(slot.starts_at)} : {path}")
        written += 1
    print(f"{plural(written, 'convocation écrite', 'convocations écrites')} dans {args.output}.")
    return 0


def cmd_list_pdf(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    printed = services.convocations.print_session_list(session_id=args.id, path=args.output, actor=actor)
    services.documents.record_copy(document=printed, output="file", actor=actor)
    print(f"Liste de la séance : {printed.path} ({plural(printed.pages, 'page')}).")
    return 0
