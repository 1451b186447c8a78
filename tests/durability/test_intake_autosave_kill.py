"""Durability, for real: a process autosaving an intake is killed with SIGKILL at random moments, many times.

After each kill the store must pass PRAGMA integrity_check and hold every save acknowledged before the kill
(the worker prints "ACK" only after the service call returned, i.e. after the commit), each with its outbox
entry. WAL with synchronous=FULL makes that hold even on power loss; a SIGKILL checks the process side.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from intake_builders import make_team, new_youth

from pac_desktop.storage.base import id_from_store, id_to_store
from pac_desktop.storage.store import database_path

WORKER = Path(__file__).with_name("autosave_worker.py")
ROUNDS = int(os.environ.get("PAC_DURABILITY_ROUNDS", "20"))

sys.path.insert(0, str(WORKER.parent))
from autosave_worker import note_id  # noqa: E402


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.timeout(240)
def test_autosaves_survive_sigkill_at_random_moments(loaded_services, store, data_dir):
    team = make_team(loaded_services, "tarbes")
    intake_id = loaded_services.intake.start(youth_id=new_youth(loaded_services, team), by=team.lead)
    store.engine.dispose()  # the worker is the only writer from now on
    rng = random.Random(20260312)
    acked_notes: set[int] = set()
    last_diag = -1
    for round_no in range(ROUNDS):
        first = round_no * 100_000
        worker = subprocess.Popen(
            [sys.executable, str(WORKER), str(data_dir), intake_id, team.lead.staff_id, str(first)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert worker.stdout.readline().strip() == "READY", worker.stderr.read()
        # Let it save a random number of times, then kill it a random instant later: mid-transaction,
        # mid-fsync, between two saves — wherever it happens to be.
        acknowledged: list[str] = []
        for _ in range(rng.randrange(0, 40)):
            line = worker.stdout.readline()
            if not line:
                break
            acknowledged.append(line)
        time.sleep(rng.uniform(0, 0.004))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        assert worker.returncode == -signal.SIGKILL
        acknowledged += worker.stdout.read().splitlines()  # printed before the kill, not read yet: acknowledged
        worker.stdout.close()
        worker.stderr.close()
        for line in acknowledged:
            _, kind, n = line.split()
            if kind == "note":
                acked_notes.add(int(n))
            else:
                last_diag = max(last_diag, int(n))

        con = sqlite3.connect(database_path(data_dir))
        try:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            # Ids as the store keeps them (storage.base.CompactId: 16 bytes).
            diag = con.execute("SELECT shared_diagnosis FROM joint_intake WHERE id = ?",
                               (id_to_store(intake_id),)).fetchone()[0]
            stored_n = int(diag.split()[-1]) if diag else -1
            assert stored_n >= last_diag, f"round {round_no}: acknowledged diagnostic {last_diag} lost"
            texts = {id_from_store(i): t for i, t in con.execute("SELECT id, text FROM analysis_note WHERE intake_id = ?",
                                                                  (id_to_store(intake_id),))}
            for n in acked_notes:
                assert texts.get(note_id(n)) == f"note {n}", f"round {round_no}: acknowledged note {n} lost"
            outbox_rows = {
                id_from_store(row_id)
                for (row_id,) in con.execute(
                    "SELECT row_id FROM outbox WHERE entity = 'analysis_note' AND op = 'create'"
                )
            }
            assert {note_id(n) for n in acked_notes} <= outbox_rows
            # A committed diagnostic always comes with its outbox entry (same transaction).
            diag_entries = [
                json.loads(f)["shared_diagnosis"]
                for (f,) in con.execute(
                    "SELECT fields FROM outbox WHERE entity = 'joint_intake' AND row_id = ? AND op = 'update'",
                    (id_to_store(intake_id),),
                )
                if "shared_diagnosis" in json.loads(f)
            ]
            if diag:
                assert diag_entries and diag_entries[-1] == diag
        finally:
            con.close()
    assert len(acked_notes) > ROUNDS  # the rounds did save, not only start and die
    # Saves committed but killed before they could be acknowledged are allowed (and usually seen).
    print(
        f"{ROUNDS} kills, {len(acked_notes)} notes acknowledged, {len(texts) - len(acked_notes)} committed unacknowledged"
    )
