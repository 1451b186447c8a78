"""A process that autosaves an intake as the wizard does, through the same service code, as fast as it can.

Run by test_intake_autosave_kill.py, which kills it with SIGKILL at random moments. After each save the
service call has returned, i.e. the transaction is committed: only then is "ACK <kind> <n>" printed (and
flushed), so every line the parent reads is a save the app would have shown as "Enregistré".

Usage: python autosave_worker.py DATA_DIR INTAKE_ID STAFF_ID FIRST_N
"""

from __future__ import annotations

import sys
import uuid
from datetime import date
from pathlib import Path

from pac_desktop.domain.enums import AnalysisSection
from pac_desktop.services.context import ServiceContext
from pac_desktop.services.intake import IntakeService
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.store import open_store

NOTE_NAMESPACE = uuid.UUID("0b6c3f3e-2f55-4a3e-9a59-7c1c1b1d0f00")


def note_id(n: int) -> str:
    return str(uuid.uuid5(NOTE_NAMESPACE, str(n)))


def main() -> None:
    data_dir, intake_id, staff_id, first = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    # The intake service alone (the app builds it the same way, in Services.build): a faster start.
    ctx = ServiceContext(store=open_store(data_dir), today=lambda: date(2026, 3, 12))
    intake = IntakeService(ctx)
    with ctx.read() as session:
        by = actor_for(session, staff_id)
    print("READY", flush=True)
    n = first
    while True:
        # An update of a field (the shared diagnosis being typed)...
        intake.save_field(intake_id=intake_id, field="intake.shared_diagnosis", value=f"diagnostic {n}", by=by)
        print(f"ACK diag {n}", flush=True)
        # ...and a new row (a note started by the current speaker).
        intake.save_note(
            intake_id=intake_id,
            note_id=note_id(n),
            section=AnalysisSection.SCHOOLING,
            author_staff_id=staff_id,
            text=f"note {n}",
            by=by,
        )
        print(f"ACK note {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
