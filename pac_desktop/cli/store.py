"""`pac init` and `pac stats`: the local store and its reference data."""

from __future__ import annotations

import argparse

from pac_desktop.domain.enums import IntakeState
from pac_desktop.domain.french import plural

from .common import cli_actor, login_option, open_services


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="créer la base locale et charger les données de référence")
    init.set_defaults(handler=cmd_init)
    stats = commands.add_parser("stats", help="effectifs par territoire et par état des accueils")
    stats.add_argument("--json", action="store_true",
                       help="les indicateurs du dispositif en JSON (depuis le premier accueil), enregistré comme export")
    login_option(stats)
    stats.set_defaults(handler=cmd_stats)


def cmd_init(args: argparse.Namespace) -> int:
    services = open_services(args)
    report = services.reference.load()
    print(f"Base locale : {services.ctx.store.path}")
    if report.changed:
        print(
            f"Données de référence chargées : {plural(report.created, 'élément créé', 'éléments créés')}, "
            f"{plural(report.updated, 'élément mis à jour', 'éléments mis à jour')}."
        )
    else:
        print(f"Données de référence déjà à jour ({plural(report.unchanged, 'élément', 'éléments')}).")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    services = open_services(args)
    if getattr(args, "json", False):
        import json

        print(json.dumps(services.documents.export_indicators_json(actor=cli_actor(args, services)), ensure_ascii=False, indent=2))
        return 0
    rows = services.stats.by_territory()
    states = [s for s in IntakeState]
    header = ["Territoire", "Jeunes", *[s.label for s in states]]
    table = [[r.territory, str(r.youths), *[str(r.intakes_by_state[s]) for s in states]] for r in rows]
    total = ["Total", str(sum(r.youths for r in rows)),
             *[str(sum(r.intakes_by_state[s] for r in rows)) for s in states]]
    _print_table(header, [*table, total])
    return 0


def _print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
