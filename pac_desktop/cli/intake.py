"""`pac intake …` and `pac youth find`: the joint intakes in progress, and duplicate search before creating a file."""

from __future__ import annotations

import argparse

from pac_desktop.domain.errors import NotFound
from pac_desktop.domain.french import format_date_short, format_datetime, plural

from .common import cli_actor, french_date, login_option, open_services


def register(commands: argparse._SubParsersAction) -> None:
    intake = commands.add_parser("intake", help="accueils communs : lister ceux en cours, en voir un")
    sub = intake.add_subparsers(dest="intake_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="les accueils en cours (non validés), avec l'étape où ils en sont")
    listing.add_argument("--territory", help="code du territoire (ariege, tarbes, toulouse-mirail, toulouse-nord)")
    login_option(listing)
    listing.set_defaults(handler=cmd_intake_list)
    show = sub.add_parser("show", help="ce qu'il manque encore à un accueil pour être validé")
    show.add_argument("intake_id", help="identifiant de l'accueil (voir « pac intake list »)")
    login_option(show)
    show.set_defaults(handler=cmd_intake_show)

    find = _youth_subcommands(commands).add_parser(
        "find", help="chercher un jeune avant de créer son dossier (doublons possibles, avec leur score)"
    )
    find.add_argument("--name", required=True, help="prénom et nom, dans n'importe quel ordre")
    find.add_argument("--birth-date", type=french_date, help="date de naissance, JJ/MM/AAAA")
    login_option(find)
    find.set_defaults(handler=cmd_youth_find)


def _youth_subcommands(commands: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The sub-commands of `pac youth`, created by another module (cli.youth) or here if it is absent."""
    youth = commands.choices.get("youth")
    if youth is None:
        youth = commands.add_parser("youth", help="jeunes : rechercher")
        return youth.add_subparsers(dest="youth_command", metavar="ACTION", required=True)
    for action in youth._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return youth.add_subparsers(dest="youth_command", metavar="ACTION", required=True)


def _territory_id(services, code: str | None) -> str | None:
    if not code:
        return None
    for territory in services.reference.territories():
        if territory.code == code:
            return territory.id
    known = ", ".join(t.code for t in services.reference.territories())
    raise NotFound(f"Aucun territoire ne porte le code « {code} ». Codes connus : {known}.")


def cmd_intake_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    lines = services.intake.open_intakes(
        territory_id=_territory_id(services, args.territory), by=cli_actor(args, services)
    )
    for line in lines:
        age = f", {line.age} ans" if line.age is not None else ""
        when = (
            f"prévu le {format_datetime(line.planned_at)}"
            if line.planned_at and line.held_on is None
            else f"le {format_date_short(line.held_on)}"
            if line.held_on
            else ""
        )
        print(
            f"{line.youth_short_name}{age} · {line.territory_name} — {line.state.label}, "
            f"étape « {line.current_step.label} » {when} [{line.intake_id}]"
        )
    print(plural(len(lines), "accueil en cours", "accueils en cours") + ".")
    return 0


def cmd_intake_show(args: argparse.Namespace) -> int:
    services = open_services(args)
    detail = services.intake.intake_detail(intake_id=args.intake_id, by=cli_actor(args, services))
    print(f"{detail.header} — {detail.state.label}")
    if detail.locked:
        return 0
    if not detail.missing:
        print("Rien ne manque : les conseillers présents peuvent valider l'accueil.")
        return 0
    print("Il manque encore :")
    for item in detail.missing:
        print(f"- {item.message} (étape « {item.step.label} »)")
    return 0


def cmd_youth_find(args: argparse.Namespace) -> int:
    services = open_services(args)
    candidates = services.intake.find_youth(
        name=args.name, birth_date=args.birth_date, by=cli_actor(args, services)
    )
    for c in candidates:
        strength = "fort" if c.strong else "faible"
        resume = " — accueil en cours" if c.open_intake_id else ""
        print(
            f"{c.score:>3} ({strength}) {c.display_name}, né(e) le {format_date_short(c.birth_date)}, "
            f"{c.territory_name} — {c.why}{resume} [{c.youth_id}]"
        )
    if not candidates:
        print("Aucun dossier ne ressemble à cette personne : vous pouvez créer son dossier.")
    else:
        print(plural(len(candidates), "dossier ressemblant", "dossiers ressemblants") + ".")
    return 0
