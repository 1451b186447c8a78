"""Plumbing shared by the sub-commands: opening the store and building the services."""

from __future__ import annotations

import argparse
import getpass
import os
from datetime import date

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import parse_date_fr
from pac_desktop.paths import default_data_dir
from pac_desktop.security.store_key import open_encrypted_store
from pac_desktop.services.context import Actor
from pac_desktop.services.registry import Services

STORE_PASSPHRASE_ENV = "PAC_STORE_PASSPHRASE"
LOGIN_ENV = "PAC_LOGIN"
PASSWORD_ENV = "PAC_PASSWORD"


def open_services(args: argparse.Namespace) -> Services:
    """The services on the encrypted local store (its key from the OS keyring; issue 7)."""
    data_dir = args.data_dir or default_data_dir()
    return Services.build(open_encrypted_store(data_dir, ask_passphrase=ask_store_passphrase))


def ask_store_passphrase(*, new: bool) -> str | None:
    """The store's passphrase, where the administrator chose one instead of a keyring (typed, or from the env)."""
    given = os.environ.get(STORE_PASSPHRASE_ENV)
    if given:
        return given
    if new:
        first = getpass.getpass("Nouvelle phrase secrète de la base locale : ")
        if first != getpass.getpass("Retapez-la : "):
            raise DomainError("Les deux saisies de la phrase secrète diffèrent. Rien n'a été créé ; recommencez.")
        return first
    return getpass.getpass("Phrase secrète de la base locale : ")


def french_date(text: str) -> date:
    """argparse type for dates typed the French way (12/03/2026) or ISO (2026-03-12)."""
    try:
        return parse_date_fr(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def login_option(parser: argparse.ArgumentParser) -> None:
    """Commands that read or write the youths' data say who runs them (roles checked, audit trail)."""
    parser.add_argument(
        "--login", default=None, help=f"votre identifiant (par défaut ${LOGIN_ENV}) ; le mot de passe est demandé"
    )


def credentials(args: argparse.Namespace, *, login: str | None = None) -> tuple[str, str]:
    login = login or getattr(args, "login", None) or os.environ.get(LOGIN_ENV)
    if not login:
        raise DomainError(
            f"Indiquez votre identifiant avec --login (ou la variable {LOGIN_ENV}) : cette commande touche aux "
            "données personnelles et le journal d'audit enregistre qui la lance."
        )
    password = os.environ.get(PASSWORD_ENV) or getpass.getpass("Mot de passe : ")
    return login, password


def cli_actor(args: argparse.Namespace, services: Services, *, login: str | None = None) -> Actor:
    """The staff member running the command, signed in like in the application (audited, attempts limited)."""
    login, password = credentials(args, login=login)
    return services.sessions.login(login=login, password=password)
