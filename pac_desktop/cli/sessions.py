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

    rappels = commands.add_parser("rappels", help="rappels de rendez-vous par courriel et SMS")
    rsub = rappels.add_subparsers(dest="rappels_command", metavar="ACTION", required=True)
    send = rsub.add_parser(
        "envoyer", help="envoyer les rappels dus selon le calendrier de chaque structure (pour une tâche planifiée)",
        description="Envoie les rappels dus maintenant (par défaut la veille du rendez-vous ; réglage par structure "
                    "dans Administration › Messagerie), une seule fois chacun, jamais à un jeune qui a refusé les "
                    "messages ni pour une séance annulée. À lancer régulièrement (cron, planificateur de tâches). "
                    "Code de sortie 1 quand des rappels n'ont pas pu partir : ils repartent au prochain passage.")
    send.add_argument("--apercu", action="store_true", help="dire combien de rappels sont dus, sans rien envoyer")
    login_option(send)
    send.set_defaults(handler=cmd_send_reminders)


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


def cmd_send_reminders(args: argparse.Namespace) -> int:
    """The output names no youth: a scheduled task's output ends up in logs and mails."""
    from pac_desktop.services.reminders import ReminderOutcome

    services = open_services(args)
    actor = cli_actor(args, services)
    if args.apercu:
        due = services.reminders.due_reminders(by=actor)
        print(f"{plural(len(due), 'rappel dû', 'rappels dus')} maintenant." if due else "Aucun rappel dû maintenant.")
        return 0
    report = services.reminders.send_due_reminders(by=actor)
    sent, failed = report.count(ReminderOutcome.SENT), report.count(ReminderOutcome.FAILED)
    if not report.results:
        print("Aucun rappel dû maintenant.")
        return 0
    print(f"{plural(sent, 'rappel envoyé', 'rappels envoyés')}, {plural(failed, 'en échec', 'en échec')}.")
    for reason in dict.fromkeys(r.message for r in report.results if r.outcome is ReminderOutcome.FAILED):
        print(f"  Échec : {reason}")
    if failed:
        print("Les rappels en échec repartiront au prochain passage.")
    return 1 if failed else 0
