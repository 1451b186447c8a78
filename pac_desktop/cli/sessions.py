"""`pac seance …`: joint-intake sessions from the command line (issue 18) — the list, the convocation letters
(one PDF per youth expected), the cancellation letters of a cancelled session, the session's list, the reminders.
Same services and audit trail as the GUI."""

from __future__ import annotations

import argparse
from pathlib import Path

from pac_desktop.domain.french import format_date, format_date_short, format_time, plural, to_paris

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

    cancelled = sub.add_parser("annulations", help="une lettre d'annulation PDF par jeune d'une séance annulée")
    cancelled.add_argument("id", metavar="ID", help="identifiant de la séance annulée")
    cancelled.add_argument("-o", "--output", required=True, type=Path, metavar="DOSSIER", help="dossier à remplir")
    cancelled.add_argument("--sans-message", action="store_true",
                           help="seulement les jeunes qu'aucun courriel ni SMS n'atteint (ni adresse ni portable, "
                                "ou qui refusent les messages)")
    login_option(cancelled)
    cancelled.set_defaults(handler=cmd_cancellations)

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
    failed = rsub.add_parser(
        "echecs", help="les rappels automatiques en échec sur cet ordinateur (administrateurs)",
        description="Les rappels automatiques qui n'ont pas pu partir d'ici et restent à envoyer : date du dernier "
                    "essai, canal, jeune (initiales et début du numéro du dossier, jamais le nom), essais, raison. "
                    "Chacun est retenté au prochain passage et disparaît une fois envoyé.")
    login_option(failed)
    failed.set_defaults(handler=cmd_reminder_failures)


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
    expected = [(slot.invitation_id, slot.starts_at) for slot in detail.slots if slot.invitation_id
                and slot.status is not None and slot.status.value in ("invited", "confirmed")]
    written = _one_pdf_per_youth(args, services, actor, expected, services.convocations.print_convocations,
                                 stem="convocation", label="Convocation")
    print(f"{plural(written, 'convocation écrite', 'convocations écrites')} dans {args.output}.")
    return 0


def cmd_cancellations(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    letters = services.convocations.cancellations(session_id=args.id, unreachable_only=args.sans_message).letters
    written = _one_pdf_per_youth(args, services, actor, [(letter.invitation_id, letter.at) for letter in letters],
                                 services.convocations.print_cancellations, stem="annulation",
                                 label="Lettre d'annulation")
    print(f"{plural(written, 'lettre écrite', 'lettres écrites')} dans {args.output}.")
    return 0


def _one_pdf_per_youth(args: argparse.Namespace, services, actor, invitations, print_letters, *,  # noqa: ANN001
                       stem: str, label: str) -> int:
    """One letter per file in ``args.output``, each copy audited; how many were written."""
    for invitation_id, at in invitations:
        local = to_paris(at)
        # The file name holds the day and the time, never the youth's name.
        path = args.output / f"{stem}-{local.date().isoformat()}-{local.hour:02d}h{local.minute:02d}.pdf"
        printed = print_letters(session_id=args.id, path=path, actor=actor, invitation_ids=[invitation_id])
        services.documents.record_copy(document=printed, output="file", actor=actor)
        print(f"{label} de {format_time(at)} : {path}")
    return len(invitations)


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
        print("Les rappels en échec repartiront au prochain passage (détail : `pac rappels echecs`, ou "
              "Administration › Messagerie).")
    return 1 if failed else 0


def cmd_reminder_failures(args: argparse.Namespace) -> int:
    """The failures kept on this computer (ReminderService.failures): no name, no address."""
    services = open_services(args)
    actor = cli_actor(args, services)
    failures = services.reminders.failures(by=actor)
    for f in failures:
        print(f"{format_date_short(to_paris(f.failed_at).date())} {format_time(f.failed_at)}  {f.channel.label:8}  "
              f"{f.youth_reference}  {plural(f.tries, 'essai')}  {f.message}")
    print(f"{plural(len(failures), 'rappel automatique en échec', 'rappels automatiques en échec')}."
          if failures else "Aucun rappel automatique en échec sur cet ordinateur.")
    return 0
