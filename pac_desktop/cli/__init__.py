"""The `pac` command line: the same services as the GUI, for administrators and scripts.

Each area registers its sub-commands in its own module (listed in COMMAND_MODULES); errors a user can fix
are printed in French on stderr with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pac_desktop import __version__
from pac_desktop.domain.errors import DomainError

COMMAND_MODULES = (
    "pac_desktop.cli.store",
    "pac_desktop.cli.staff",
    "pac_desktop.cli.demo",  # pac demo-data
    "pac_desktop.cli.report",
    "pac_desktop.cli.youth",
    "pac_desktop.cli.reperage",  # pac reperage import
    "pac_desktop.cli.intake",  # after cli.youth: adds `pac youth find`
    "pac_desktop.cli.privacy",  # issue 7: purge, export, rights, audit, evaluation, settings
    "pac_desktop.cli.sync",  # issue 5: enrol, sync
    "pac_desktop.cli.sessions",  # issue 18: joint-intake sessions
)

EXIT_USER_ERROR = 2
EXIT_INTERNAL_ERROR = 70


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pac",
        description="Passeport Accueil Commun — ligne de commande (mêmes services que l'application).",
    )
    parser.add_argument("--version", action="version", version=f"pac {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="dossier de la base locale (par défaut : le dossier de données de l'utilisateur, ou $PAC_DATA_DIR)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int | None] = args.handler
    try:
        return handler(args) or 0
    except DomainError as error:
        print(f"pac : {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("pac : interrompu.", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last resort: never a traceback quoting a row's values
        print(f"pac : erreur inattendue ({type(error).__name__}). Aucune donnée n'a été modifiée par cette "
              "commande au-delà de ce qu'elle a déjà confirmé. Si cela se reproduit, prévenez l'administrateur.",
              file=sys.stderr)
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
