"""Builders for the case-file tests (services and GUI): referents and obviously fictitious youths.

Importable from any test module (tests/ is on sys.path through tests/conftest.py, pytest's default
"prepend" import mode). Rows are written through the ORM in a LocalSession, as the intake would write them;
``bulk_youths`` writes minimal youth rows with executemany for the 100,000-row tests.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime

from sqlalchemy import select

from pac_desktop.domain.enums import IntakeState, StaffRole, YouthStatus
from pac_desktop.domain.text import normalise
from pac_desktop.services.context import Actor
from pac_desktop.services.outcomes import schedule_outcomes
from pac_desktop.services.staff import actor_for
from pac_desktop.storage.base import UTCDateTime, id_to_store
from pac_desktop.storage.models import JointIntake, ReferentAssignment, Territory, Youth


def territory_id(services, code: str = "tarbes") -> str:
    with services.ctx.read() as session:
        return session.scalar(select(Territory.id).where(Territory.code == code))


def make_staff(
    services,
    first: str,
    last: str,
    *,
    org: str = "ml-tarbes",
    roles: tuple[StaffRole, ...] = (StaffRole.REFERENT,),
    cap: int = 50,
    login: str | None = None,
) -> Actor:
    staff_id = services.staff.add(
        first_name=first,
        last_name=last,
        organisation_code=org,
        roles=roles,
        caseload_cap=cap,
        login=login,
        password="mot-de-passe-de-test" if login else None,
    )
    with services.ctx.read() as session:
        return actor_for(session, staff_id)


def make_youth(
    services,
    *,
    first: str = "Zoé",
    last: str = "Testfictif",
    birth: date = date(2008, 3, 2),
    town: str | None = "Tarbes",
    territory: str = "tarbes",
    referent: Actor | None = None,
    followed_since: date | None = None,
    intake_on: date | None = None,
    status: YouthStatus | None = None,
    schedule: bool = True,
) -> str:
    """A youth; with ``referent``, followed by them since ``followed_since``; with ``intake_on``, a validated
    intake held that day and its 3/6/12-month outcomes scheduled."""
    tid = territory_id(services, territory)
    with services.ctx.write(referent) as session:
        youth_id = str(uuid.uuid4())
        session.add(
            Youth(
                id=youth_id,
                case_id=youth_id,
                territory_id=tid,
                first_name=first,
                last_name=last,
                birth_date=birth,
                town=town,
                status=status or (YouthStatus.FOLLOWED if referent else YouthStatus.REFERRED),
            )
        )
        session.flush()
        intake_id = None
        if intake_on is not None:
            intake = JointIntake(
                case_id=youth_id,
                youth_id=youth_id,
                territory_id=tid,
                state=IntakeState.VALIDATED,
                held_on=intake_on,
                validated_at=datetime(intake_on.year, intake_on.month, intake_on.day, 16, tzinfo=UTC),
                shared_diagnosis="Diagnostic partagé fictif.",
            )
            session.add(intake)
            session.flush()
            intake_id = intake.id
            if schedule:
                schedule_outcomes(session, youth_id=youth_id, intake_id=intake_id, intake_on=intake_on)
        if referent is not None:
            session.add(
                ReferentAssignment(
                    case_id=youth_id,
                    youth_id=youth_id,
                    staff_id=referent.staff_id,
                    intake_id=intake_id,
                    started_on=followed_since or intake_on or date(2026, 1, 5),
                )
            )
    return youth_id


FIRST_NAMES = ("Testa", "Fictivia", "Exemplo", "Démo", "Essaï", "Modèle", "Jean-Test", "Marie-Essai")
LAST_NAMES = ("Testeur", "Fictif", "Exemplaire", "Démonstration", "Le Test", "D'Essai", "Maquette", "Prototype")
TOWNS = ("Tarbes", "Lourdes", "Foix", "Pamiers", "Saint-Girons", "Toulouse", "Colomiers", "Blagnac")


def bulk_youths(services, n: int, *, territory: str = "tarbes", seed: int = 4, referent: Actor | None = None) -> None:
    """``n`` minimal youth rows in one executemany on the raw connection (test data, not user edits: no outbox),
    with numbered names; the first 40 are followed by ``referent`` when one is given."""
    rng = random.Random(seed)
    tid = territory_id(services, territory)
    # Values as the store keeps them: the rows bypass SQLAlchemy (storage.base: CompactId, UTCDateTime).
    now = UTCDateTime().process_bind_param(datetime.now(UTC), None)
    tid = id_to_store(tid)
    keys = {text: normalise(text) for text in (*FIRST_NAMES, *TOWNS)}
    start = date(2005, 1, 1).toordinal()
    rows = []
    assignments = []
    for i in range(n):
        yid = f"{i:08x}-0000-4000-8000-{rng.getrandbits(48):012x}"  # increasing ids: index appends, fast inserts
        first = FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]
        last = f"{LAST_NAMES[rng.randrange(len(LAST_NAMES))]}{i:06d}"
        town = TOWNS[rng.randrange(len(TOWNS))]
        birth = date.fromordinal(start + rng.randrange(6 * 365)).isoformat()
        stored = id_to_store(yid)
        rows.append((stored, stored, tid, first, last, keys[first], normalise(last), birth, town, keys[town],
                     YouthStatus.FOLLOWED.value, now, now))  # fmt: skip
        if referent is not None and i < 40:
            assignments.append((id_to_store(str(uuid.uuid4())), stored, stored, id_to_store(referent.staff_id), now))
    raw = services.ctx.store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        cursor.executemany(
            "INSERT INTO youth (id, case_id, territory_id, first_name, last_name, first_name_key, last_name_key,"
            " birth_date, town, town_key, lives_in_priority_area, newly_arrived, status, created_at, version,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, 0, ?)",
            rows,
        )
        cursor.executemany(
            "INSERT INTO referent_assignment (id, case_id, youth_id, staff_id, started_on, version, updated_at)"
            " VALUES (?, ?, ?, ?, '2026-01-05', 0, ?)",
            assignments,
        )
        cursor.execute("COMMIT")
    finally:
        raw.close()
