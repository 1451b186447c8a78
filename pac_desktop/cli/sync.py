"""`pac enrol` and `pac sync`: enrol this computer with the shared server, then sync it."""

from __future__ import annotations

import argparse
import sys

from pac_desktop.domain.french import format_datetime, plural
from pac_desktop.services.sync import SyncProgress, SyncReport

from .common import cli_actor, login_option, open_services


def register(commands: argparse._SubParsersAction) -> None:
    enrol = commands.add_parser("enrol", help="inscrire cet ordinateur auprès du serveur partagé")
    enrol.add_argument("--server", required=True, help="adresse du serveur (https://…)")
    enrol.add_argument("--code", required=True, help="code d'inscription à usage unique donné par l'administrateur")
    enrol.add_argument("--name", default=None, help="nom de cet appareil (par défaut : le nom de l'ordinateur)")
    enrol.set_defaults(handler=cmd_enrol)
    sync = commands.add_parser("sync", help="synchroniser avec le serveur partagé")
    sync.add_argument("--status", action="store_true", help="afficher l'état sans synchroniser")
    sync.add_argument("--conflicts", action="store_true", help="lister les conflits à résoudre")
    sync.add_argument("--retry-dead-letters", action="store_true",
                      help="renvoyer les modifications refusées par le serveur (en votre nom : --login), puis "
                           "synchroniser")
    login_option(sync)
    sync.set_defaults(handler=cmd_sync)


def cmd_enrol(args: argparse.Namespace) -> int:
    services = open_services(args)
    info = services.sync.enrol(server_url=args.server, code=args.code, device_name=args.name)
    print(f"Appareil « {info.device_name} » inscrit auprès de {info.server_url}. La clé de synchronisation est "
          "gardée dans le trousseau sécurisé du système. Lancez maintenant : pac sync")
    return 0


def describe(report: SyncReport) -> str:
    parts = [
        plural(report.pushed, "modification envoyée", "modifications envoyées"),
        plural(report.pulled, "donnée reçue", "données reçues"),
        plural(report.merged, "fusionnée", "fusionnées"),
        plural(report.conflicts, "conflit à résoudre", "conflits à résoudre"),
    ]
    text = "Synchronisation terminée : " + ", ".join(parts) + "."
    if report.rejected:
        refused = plural(report.rejected, "modification refusée", "modifications refusées")
        text += f" {refused} par le serveur (voir pac sync --status)."
    if report.quarantined:
        kept = plural(report.quarantined, "donnée reçue mise de côté", "données reçues mises de côté")
        text += f" {kept} : illisible sur cet ordinateur (voir pac sync --status)."
    if report.full_resync:
        text += " Les données ont été entièrement rechargées depuis le serveur."
    return text


def cmd_sync(args: argparse.Namespace) -> int:
    services = open_services(args)
    if args.conflicts:
        conflicts = services.sync.conflicts()
        if not conflicts:
            print("Aucun conflit à résoudre.")
        for c in conflicts:
            who = c.youth_name or c.entity_label
            print(f"- {who} — {c.kind_label}")
            # « mine » is the change whose push met the conflict: this computer's, or another one's.
            mine = "ici" if c.mine_is_this_device else "sur l'autre poste"
            for f in c.fields:
                print(f"    {f.label} : avant « {f.base} », {mine} « {f.mine} », sur le serveur « {f.theirs} »")
        return 0
    if args.retry_dead_letters:
        actor = cli_actor(args, services)  # signed in: the changes sent again are signed with their key
        count = services.sync.retry_rejected(by=actor.staff_id)
        print(plural(count, "modification refusée remise", "modifications refusées remises") + " en attente d'envoi.")
    if not args.status:
        last: list[str] = []

        def progress(p: SyncProgress) -> None:
            if sys.stderr.isatty() and p.message != (last[-1] if last else None):
                last.append(p.message)
                print(f"\r{p.message}", end="", file=sys.stderr, flush=True)

        report = services.sync.sync_now(progress=progress)
        if last:
            print(file=sys.stderr)
        print(describe(report))
    status = services.sync.status()
    when = format_datetime(status.last_ok_at) if status.last_ok_at else "jamais"
    print(f"Dernière synchronisation réussie : {when}. En attente d'envoi : {status.pending}. "
          f"Conflits à résoudre : {status.open_conflicts}. Modifications refusées : {status.rejected}.")
    if status.quarantined:
        print(f"Données reçues mises de côté (illisibles sur cet ordinateur) : {status.quarantined}.")
    if status.blocked_message:
        print(status.blocked_message)
    elif status.last_error:
        print(f"La dernière tentative a échoué : {status.last_error}")
    for r in services.sync.rejected() if args.status else []:
        print(f"- refusée : {r.op_label} ({r.entity_label}{', ' + r.youth_name if r.youth_name else ''}) — "
              f"{r.reason_label}")
    for q in services.sync.quarantined() if args.status else []:
        print(f"- mise de côté : {q.entity_label}{', ' + q.youth_name if q.youth_name else ''} — {q.reason}")
    return 0
