"""`pac youth list`, `pac outcome due` and `pac obligation sans-solution`: the referents' lists, for scripts (same services as the GUI)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pac_desktop.domain.enums import YouthStatus
from pac_desktop.domain.errors import NotFound
from pac_desktop.domain.french import format_date_short, plural
from pac_desktop.domain.training_obligation import obligation_summary
from pac_desktop.services.obligation import CSV_HEADER, csv_rows
from pac_desktop.services.todo import describe_due
from pac_desktop.services.youths import MAX_PAGE_SIZE, YouthFilters, YouthSort

from .common import cli_actor, login_option, open_services


def register(commands: argparse._SubParsersAction) -> None:
    youth = commands.add_parser("youth", help="jeunes suivis : rechercher, lister")
    sub = youth.add_subparsers(dest="youth_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="lister les jeunes (recherche sur le nom, la date de naissance, la commune)")
    listing.add_argument("--search", default="", help="texte recherché, par exemple « lea tarbes » ou « 12/03/2008 »")
    listing.add_argument("--territory", help="code du territoire (ariege, tarbes, toulouse-mirail, toulouse-nord)")
    listing.add_argument("--mine-of", metavar="IDENTIFIANT", help="seulement les jeunes suivis par ce référent")
    listing.add_argument(
        "--status",
        action="append",
        choices=[s.value for s in YouthStatus],
        help="statut (répétable) : " + ", ".join(f"{s.value} = {s.label}" for s in YouthStatus),
    )
    listing.add_argument(
        "--outcome-due", action="store_true", help="seulement ceux dont une situation est à renseigner"
    )
    listing.add_argument("--no-contact-days", type=int, metavar="N", help="sans contact depuis plus de N jours")
    listing.add_argument("--sort", choices=[s.value for s in YouthSort], default=YouthSort.NAME.value, help="tri")
    listing.add_argument("--desc", action="store_true", help="tri décroissant")
    listing.add_argument("--limit", type=int, default=MAX_PAGE_SIZE, help="nombre maximal de lignes")
    login_option(listing)
    listing.set_defaults(handler=cmd_youth_list)

    outcome = commands.add_parser("outcome", help="situations à 3, 6 et 12 mois")
    osub = outcome.add_subparsers(dest="outcome_command", metavar="ACTION", required=True)
    due = osub.add_parser("due", help="situations en retard ou à renseigner dans les N jours")
    due.add_argument("--days", type=int, default=14, help="horizon en jours (14 par défaut)")
    due.add_argument("--mine-of", metavar="IDENTIFIANT", help="seulement les jeunes suivis par ce référent")
    login_option(due)
    due.set_defaults(handler=cmd_outcome_due)

    obligation = commands.add_parser("obligation", help="obligation de formation des 16-18 ans")
    bsub = obligation.add_subparsers(dest="obligation_command", metavar="ACTION", required=True)
    nosol = bsub.add_parser("sans-solution", help="les mineurs sans solution d'un territoire (suivi Mission Locale)")
    nosol.add_argument("--territory", help="code du territoire (celui de la personne connectée par défaut)")
    nosol.add_argument("--csv", metavar="FICHIER", help="enregistrer la liste en CSV (point-virgule, UTF-8)")
    nosol.add_argument("--pdf", metavar="FICHIER", help="enregistrer la liste en PDF")
    login_option(nosol)
    nosol.set_defaults(handler=cmd_obligation_without_solution)


def _territory_id(services, code: str | None) -> str | None:
    if not code:
        return None
    for territory in services.reference.territories():
        if territory.code == code:
            return territory.id
    known = ", ".join(t.code for t in services.reference.territories())
    raise NotFound(f"Aucun territoire ne porte le code « {code} ». Codes connus : {known}.")


def cmd_youth_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    filters = YouthFilters(
        mine=False,
        referent_id=services.staff.staff_id_for_login(login=args.mine_of) if args.mine_of else None,
        territory_id=_territory_id(services, args.territory),
        statuses=frozenset(YouthStatus(s) for s in args.status or ()),
        outcome_due=args.outcome_due,
        no_contact_days=args.no_contact_days,
    )
    page = services.youths.search(
        by=actor, query=args.search, filters=filters, sort=YouthSort(args.sort), descending=args.desc, limit=args.limit
    )
    header = ["Nom", "Né(e) le", "Âge", "Commune", "Territoire", "Référent", "Statut", "Dernier contact"]
    table = [
        [
            r.display_name,
            format_date_short(r.birth_date),
            "" if r.age is None else f"{r.age} ans",
            r.town or "",
            r.territory_name,
            r.referent_name or "—",
            r.status.label,
            format_date_short(r.last_contact_on) if r.last_contact_on else "—",
        ]
        for r in page.rows
    ]
    if table:
        _print_table(header, table)
    shown = len(page.rows)
    found = plural(page.total, "jeune trouvé", "jeunes trouvés")
    if page.total_capped:
        found = f"Plus de {found}"
    if shown < page.total or page.total_capped:
        print(f"{found}, {shown} affichés (option --limit, ou précisez la recherche).")
    else:
        print(found + ".")
    return 0


def cmd_outcome_due(args: argparse.Namespace) -> int:
    services = open_services(args)
    referent_id = services.staff.staff_id_for_login(login=args.mine_of) if args.mine_of else None
    lines = services.todo.outcomes_due(
        by=cli_actor(args, services), within_days=args.days, referent_id=referent_id
    )
    today = services.ctx.today()
    for line in lines:
        referent = f" — référent : {line.referent_name}" if line.referent_name else ""
        print(f"{line.youth_name} : {describe_due(line, today)}{referent}")
    overdue = sum(1 for line in lines if line.overdue)
    print(
        f"{plural(len(lines), 'situation à renseigner', 'situations à renseigner')}"
        f" dont {plural(overdue, 'en retard', 'en retard')}."
    )
    return 0


def cmd_obligation_without_solution(args: argparse.Namespace) -> int:
    services = open_services(args)
    actor = cli_actor(args, services)
    territory_id = _territory_id(services, args.territory)
    listing = services.obligation.without_solution(by=actor, territory_id=territory_id)
    if listing.lines:
        _print_table(CSV_HEADER[:4] + CSV_HEADER[7:9] + CSV_HEADER[10:11],
                     [row[:4] + row[7:9] + row[10:11] for row in csv_rows(listing.lines)])
    print(obligation_summary(listing))  # the words of the GUI's list
    if args.csv:
        services.obligation.export_csv(path=Path(args.csv), by=actor, territory_id=territory_id)
        print(f"Liste enregistrée en CSV : {args.csv}")
    if args.pdf:
        services.obligation.print_pdf(path=Path(args.pdf), by=actor, territory_id=territory_id)
        print(f"Liste enregistrée en PDF : {args.pdf}")
    return 0


def _print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
