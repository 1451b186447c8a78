"""`pac-server admin export-evaluation` and `verify-evaluation` (issue 7): the evaluation, server side.

The pseudonymised export is produced here, from the server's own records, with the key that never leaves
the server; the draws are checked against the seed, and their order against each device's reserve (issue 13:
skipped, repeated, out-of-order slots, blocks left unfinished).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.evaluation_export import SMALL_COUNT_THRESHOLD
from pac_desktop.domain.french import plural

from . import evaluation
from .db import plain_transaction, read_transaction

EXPORT_FILE = "evaluation-pseudonymisee.csv"
AGGREGATES_FILE = "evaluation-agregats.csv"


def register(sub: argparse._SubParsersAction, engine_of: Callable[[argparse.Namespace], object]) -> None:
    export = sub.add_parser("export-evaluation", help="exporter les données pseudonymisées de l'évaluation")
    export.add_argument("-o", "--output", required=True, type=Path, help="dossier où écrire les deux fichiers CSV")
    export.set_defaults(handler=lambda args: cmd_export(args, engine_of(args)))
    verify = sub.add_parser("verify-evaluation", help="vérifier chaque tirage au sort à partir de la graine")
    verify.set_defaults(handler=lambda args: cmd_verify(engine_of(args)))


def write_export(engine, output: Path) -> tuple[Path, Path, int]:  # noqa: ANN001
    with plain_transaction(engine) as conn:
        evaluation.get_secrets(conn)
    with read_transaction(engine) as conn:
        result = evaluation.export_dataset(conn)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DomainError(f"Le dossier {output} ne peut pas être créé : {exc.strerror}.") from exc
    dataset, aggregates = output / EXPORT_FILE, output / AGGREGATES_FILE
    dataset.write_text(result.dataset_csv, encoding="utf-8")
    aggregates.write_text(result.aggregates_csv, encoding="utf-8")
    return dataset, aggregates, result.rows


def cmd_export(args: argparse.Namespace, engine) -> int:  # noqa: ANN001
    dataset, aggregates, rows = write_export(engine, args.output)
    print(f"Export pseudonymisé : {plural(rows, 'jeune', 'jeunes')} → {dataset}")
    print(f"Agrégats (effectifs de moins de {SMALL_COUNT_THRESHOLD} masqués) → {aggregates}")
    return 0


def cmd_verify(engine) -> int:  # noqa: ANN001
    with plain_transaction(engine) as conn:
        evaluation.get_secrets(conn)
    with read_transaction(engine) as conn:
        draws = evaluation.recorded_draws(conn)
        mismatches = evaluation.verify_draws_against_seed(conn)
        anomalies = evaluation.draw_order_anomalies(conn)
        closed = evaluation.closed_blocks(conn)
    if closed:  # issue 13: said, never counted as anomalies
        devices = len({device for _s, _n, device in closed})
        print(f"Avis : {plural(len(closed), 'bloc inachevé clos', 'blocs inachevés clos')} quand "
              f"{plural(devices, 'un ordinateur a', 'ordinateurs ont')} renouvelé leur réserve (mise à jour vers la "
              "réserve scellée) ; ce n'est pas une anomalie.")
    if not mismatches and not anomalies:
        print(f"{plural(len(draws), 'tirage vérifié', 'tirages vérifiés')} : tous conformes à la graine, chacun "
              "sur la place suivante de sa réserve.")
        return 0
    for m in mismatches:
        print(f"Tirage non conforme : jeune {m.draw.youth_id}, strate {m.draw.stratum}, bloc {m.draw.block_number}, "
              f"place {m.draw.block_position} ({m.reason})")
    for a in anomalies:  # issue 13: every draw takes the next slot of its device's reserve
        youth = f", jeune {a.youth_id}" if a.youth_id else ""
        print(f"Ordre des tirages : {a.label} — strate {a.stratum}, bloc {a.block_number}, place {a.position}, "
              f"appareil {a.device_id or 'inconnu'}{youth}")
    problems = []
    if mismatches:
        problems.append(plural(len(mismatches), "tirage non conforme", "tirages non conformes"))
    if anomalies:
        problems.append(plural(len(anomalies), "place hors de l'ordre", "places hors de l'ordre"))
    raise DomainError(f"{' et '.join(problems)} ({plural(len(draws), 'tirage', 'tirages')} en tout).")
