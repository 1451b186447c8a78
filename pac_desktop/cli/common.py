"""Plumbing shared by the sub-commands: opening the store and building the services."""

from __future__ import annotations

import argparse
import getpass
import os
from datetime import date

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.french import parse_date_fr
from pac_desktop.security.store_key import open_encrypted_store
from pac_desktop.services.registry import Services
from pac_desktop.storage.store import default_data_dir

STORE_PASSPHRASE_ENV = "PAC_STORE_PASSPHRASE"


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
