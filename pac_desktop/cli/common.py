"""Plumbing shared by the sub-commands: opening the store and building the services."""

from __future__ import annotations

import argparse
from datetime import date

from pac_desktop.domain.french import parse_date_fr
from pac_desktop.services.registry import Services
from pac_desktop.storage.store import default_data_dir, open_store


def open_services(args: argparse.Namespace) -> Services:
    data_dir = args.data_dir or default_data_dir()
    return Services.build(open_store(data_dir))


def french_date(text: str) -> date:
    """argparse type for dates typed the French way (12/03/2026) or ISO (2026-03-12)."""
    try:
        return parse_date_fr(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
