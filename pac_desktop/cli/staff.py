"""`pac staff …`: staff members and their logins (administrators)."""

from __future__ import annotations

import argparse
import getpass
import os

from pac_desktop.domain.caseload import DEFAULT_CASELOAD_CAP
from pac_desktop.domain.enums import StaffRole
from pac_desktop.domain.errors import PermissionDenied

from .common import LOGIN_ENV, cli_actor, open_services

PASSWORD_ENV = "PAC_NEW_PASSWORD"


def register(commands: argparse._SubParsersAction) -> None:
    staff = commands.add_parser("staff", help="personnel : ajouter, lister")
    sub = staff.add_subparsers(dest="staff_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="ajouter un membre du personnel")
    add.add_argument("--first-name", required=True, help="prénom")
    add.add_argument("--last-name", required=True, help="nom")
    add.add_argument("--organisation", required=True, help="code de la structure (voir resources/reference)")
    add.add_argument(
        "--role",
        action="append",
        required=True,
        choices=[r.value for r in StaffRole],
        help="rôle (répétable) : " + ", ".join(f"{r.value} = {r.label}" for r in StaffRole),
    )
    add.add_argument("--login", help="identifiant de connexion (le mot de passe est demandé)")
    add.add_argument("--email")
    add.add_argument("--phone")
    add.add_argument("--caseload-cap", type=int, default=DEFAULT_CASELOAD_CAP, help="plafond de jeunes suivis")
    add.add_argument(
        "--admin-login",
        metavar="IDENTIFIANT",
        help=f"votre identifiant d'administrateur (par défaut ${LOGIN_ENV}) ; inutile pour le tout premier "
        "administrateur d'une base neuve",
    )
    add.set_defaults(handler=cmd_add)
    listing = sub.add_parser("list", help="lister le personnel")
    listing.set_defaults(handler=cmd_list)


def cmd_add(args: argparse.Namespace) -> int:
    password = None
    if args.login:
        # Never on the command line (it would land in the shell history): typed, or given by a script's environment.
        password = os.environ.get(PASSWORD_ENV) or getpass.getpass("Mot de passe : ")
    services = open_services(args)
    # The first administrator of a new store is created without signing in; after that, an administrator signs in.
    admin_login = args.admin_login or os.environ.get(LOGIN_ENV)
    by = cli_actor(args, services, login=admin_login) if admin_login else None
    try:
        staff_id = _add(services, args, password, by)
    except PermissionDenied as denied:
        if by is not None:
            raise
        raise PermissionDenied(
            "Cette base a déjà un administrateur : indiquez votre identifiant d'administrateur avec --admin-login "
            f"(ou la variable {LOGIN_ENV}) ; le mot de passe est demandé."
        ) from denied
    print(f"Membre du personnel créé : {args.first_name} {args.last_name} ({staff_id}).")
    return 0


def _add(services, args: argparse.Namespace, password: str | None, by) -> str:  # noqa: ANN001
    return services.staff.add(
        first_name=args.first_name,
        last_name=args.last_name,
        organisation_code=args.organisation,
        roles=[StaffRole(r) for r in args.role],
        login=args.login,
        password=password,
        email=args.email,
        phone=args.phone,
        caseload_cap=args.caseload_cap,
        by=by,
    )


def cmd_list(args: argparse.Namespace) -> int:
    services = open_services(args)
    for s in services.staff.list():
        roles = ", ".join(r.label for r in sorted(s.roles))
        print(f"{s.display_name:30} {s.organisation_name:40} {s.caseload:>3} / {s.caseload_cap:<3} {roles}")
    return 0
