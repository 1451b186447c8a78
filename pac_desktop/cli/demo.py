"""`pac demo-data`: fill the local store with a fictitious demo cohort (training, trials, benchmarks)."""

from __future__ import annotations

import argparse
import sys

from pac_desktop.demo import DEMO_LOGIN, DEMO_PASSWORD, DemoDataService
from pac_desktop.domain.french import format_number, plural

from .common import open_services


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo-data",
        help="créer des jeunes fictifs (démonstration, formation, mesures de performance)",
        description=(
            "Ajoute à la base locale des jeunes fictifs, avec leurs accueils, leurs référents et leur suivi. "
            "Une base qui contient des données de démonstration ne se synchronise jamais avec le serveur."
        ),
    )
    demo.add_argument("--youths", type=_count, required=True, metavar="N", help="nombre de jeunes à créer")
    demo.add_argument("--seed", type=int, default=2026, help="graine du tirage : la même graine donne les mêmes jeunes")
    demo.add_argument("--territory", metavar="CODE", help="un seul territoire (par exemple « ariege »)")
    demo.set_defaults(handler=cmd_demo_data)


def _count(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un nombre entier de jeunes.") from None
    if value < 1:
        raise argparse.ArgumentTypeError("Indiquez au moins 1 jeune.")
    return value


def cmd_demo_data(args: argparse.Namespace) -> int:
    services = open_services(args)
    interactive = sys.stdout.isatty()
    shown = [0]

    def progress(done: int, total: int) -> None:
        if interactive:
            end = "\n" if done >= total else ""
            print(f"\r  {format_number(done)} / {format_number(total)} jeunes…", end=end, flush=True)
        elif done >= total or done * 10 // total > shown[0]:  # at most about ten lines in a log
            shown[0] = done * 10 // total
            print(f"  {format_number(done)} / {format_number(total)} jeunes…", flush=True)

    report = DemoDataService(services.ctx).generate(
        youths=args.youths, seed=args.seed, territory_code=args.territory, progress=progress
    )
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    print(
        f"{plural(report.youths, 'jeune fictif créé', 'jeunes fictifs créés')} en {seconds} s "
        f"({plural(report.rows, 'ligne', 'lignes')}, "
        f"{plural(report.staff_created, 'membre du personnel fictif créé', 'membres du personnel fictifs créés')}"
        f") dans {services.ctx.store.path}."
    )
    print(f"Connexion de démonstration : identifiant « {DEMO_LOGIN} », mot de passe « {DEMO_PASSWORD} ».")
    print("Cette base contient des données de démonstration : elle ne se synchronisera jamais avec le serveur.")
    return 0
