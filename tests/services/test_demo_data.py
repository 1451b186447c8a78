"""The demo cohort generator: realistic proportions, coherent stories, exactly the ORM's values, no outbox."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from pac_desktop.cli import main as pac_main
from pac_desktop.demo.generator import (
    DEMO_COMMITTEE_LOGIN,
    DEMO_EVALUATOR_LOGIN,
    DEMO_LOGIN,
    DEMO_PASSWORD,
    DEMO_REGIONAL_LOGIN,
    DEMO_SETTING_KEY,
    TABLE_ORDER,
    DemoDataService,
)
from pac_desktop.domain.caseload import DEFAULT_CASELOAD_CAP
from pac_desktop.domain.eligibility import ADULT_AGE, MIN_JUSTIFICATION_CHARS, add_months, age_on
from pac_desktop.domain.enums import (
    MILESTONE_MONTHS,
    FollowUpKind,
    IntakeState,
    OutcomeMilestone,
    ReferralSource,
    StaffRole,
    YouthStatus,
)
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.text import normalise
from pac_desktop.security.store_key import open_encrypted_store
from pac_desktop.services.registry import Services
from pac_desktop.storage.base import Base, id_to_store
from pac_desktop.storage.models import (
    FollowUpEvent,
    JointIntake,
    LocalSetting,
    OutboxEntry,
    Outcome,
    ReferentAssignment,
    Referral,
    Staff,
    Territory,
    Youth,
)
from pac_desktop.storage.store import open_store

TODAY = date(2026, 3, 12)
COHORT = 2000


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """One store with 2,000 demo youths, shared by the read-only tests of this module."""
    store = open_store(tmp_path_factory.mktemp("demo") / "data")
    services = Services.build(store, today=lambda: TODAY)
    services.reference.load()
    outbox_before = _count(store, OutboxEntry)
    report = DemoDataService(services.ctx).generate(youths=COHORT, seed=7)
    yield services, report, outbox_before
    store.engine.dispose()


def _count(store, model) -> int:
    with store.read_session_factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def _intake_date(intake: JointIntake) -> date:
    return intake.held_on or intake.planned_at.date()


def test_report_and_rows_per_youth(cohort):
    services, report, _ = cohort
    assert report.youths == COHORT
    assert _count(services.ctx.store, Youth) == COHORT
    assert 15 <= report.rows / COHORT <= 30
    assert report.staff_created > 12  # counsellors and referents of four territories, plus the demo logins
    assert report.seconds > 0


def test_proportions_of_the_first_cohort(cohort):
    services, _, _ = cohort
    with services.ctx.read() as s:
        pairs = s.execute(select(Youth, JointIntake).join(JointIntake, JointIntake.youth_id == Youth.id)).all()
        territories = s.scalar(select(func.count(func.distinct(Youth.territory_id))))
        sources = set(s.scalars(select(Referral.source).distinct()))
        states = set(s.scalars(select(JointIntake.state).distinct()))
        kinds = set(s.scalars(select(FollowUpEvent.kind).distinct()))
        milestones = set(s.scalars(select(Outcome.milestone).distinct()))
        sexes = Counter(s.scalars(select(Youth.sex)))
    ages = [age_on(youth.birth_date, _intake_date(intake)) for youth, intake in pairs]
    assert len(ages) > COHORT * 0.9
    assert min(ages) >= 16 and max(ages) <= 21
    adults = sum(a >= ADULT_AGE for a in ages) / len(ages)
    assert abs(adults - 0.29) <= 0.05, adults
    assert territories == 4
    assert sources == set(ReferralSource) - {ReferralSource.DROPOUT_LIST}  # lists are imported (issue 18), never generated
    assert states == set(IntakeState)
    assert kinds == set(FollowUpKind)
    assert milestones == set(OutcomeMilestone)
    assert 0.35 < sexes["f"] / COHORT < 0.6


def test_names_are_french_and_varied(cohort):
    services, _, _ = cohort
    with services.ctx.read() as s:
        youths = s.execute(select(Youth.first_name, Youth.last_name, Youth.birth_date, Youth.first_name_key,
                                  Youth.last_name_key, Youth.town, Youth.town_key, Youth.postcode)).all()
    names = [f"{y.first_name} {y.last_name}" for y in youths]
    assert any(ch in "".join(names) for ch in "éèëïç")
    assert any("-" in n for n in names) and any("'" in n for n in names)
    assert len({(y.first_name, y.last_name, y.birth_date) for y in youths}) == len(youths)
    assert len(set(names)) > 0.95 * len(names)
    for y in youths:
        assert y.first_name_key == normalise(y.first_name)
        assert y.last_name_key == normalise(y.last_name)
        assert y.town_key == normalise(y.town or "")
    assert {"31100", "31200"} <= {y.postcode for y in youths}
    assert {"Foix", "Pamiers", "Saint-Girons", "Tarbes"} <= {y.town for y in youths}


def test_referents_never_above_their_cap(cohort):
    services, _, _ = cohort
    with services.ctx.read() as s:
        loads = s.execute(
            select(Staff.id, Staff.caseload_cap, func.count(ReferentAssignment.id))
            .join(ReferentAssignment, ReferentAssignment.staff_id == Staff.id)
            .where(ReferentAssignment.ended_on.is_(None))
            .group_by(Staff.id)
        ).all()
    assert loads
    assert all(n <= cap for _, cap, n in loads), [r for r in loads if r[2] > r[1]]
    assert sum(n for *_, n in loads) / len(loads) > 20  # referents are really used, not one youth each


def test_every_story_is_coherent(cohort):
    services, _, _ = cohort
    today = TODAY
    with services.ctx.read() as s:
        youths = {y.id: y for y in s.scalars(select(Youth))}
        intakes = {i.youth_id: i for i in s.scalars(select(JointIntake))}
        open_assignments = Counter(
            s.scalars(select(ReferentAssignment.youth_id).where(ReferentAssignment.ended_on.is_(None)))
        )
        outcomes: dict[str, dict[OutcomeMilestone, Outcome]] = {}
        for o in s.scalars(select(Outcome)):
            outcomes.setdefault(o.youth_id, {})[o.milestone] = o
    overridden = 0
    planned_today = 0
    for youth_id, youth in youths.items():
        intake = intakes.get(youth_id)
        if intake is None:
            assert youth.status == YouthStatus.REFERRED
            continue
        state = intake.state
        expected = {
            IntakeState.PLANNED: YouthStatus.IN_INTAKE,
            IntakeState.STAGE_1: YouthStatus.IN_INTAKE,
            IntakeState.STAGE_2: YouthStatus.IN_INTAKE,
            IntakeState.CANCELLED: YouthStatus.REFERRED,
            IntakeState.NO_SHOW: YouthStatus.REFERRED,
        }.get(state)
        if expected is not None:
            assert youth.status == expected
            assert youth_id not in open_assignments
        if state == IntakeState.PLANNED:
            assert intake.held_on is None and intake.planned_at.date() >= today
            planned_today += intake.planned_at.date() == today
        if state == IntakeState.VALIDATED:
            assert youth.status in (YouthStatus.FOLLOWED, YouthStatus.EXITED)
            assert open_assignments[youth_id] == (1 if youth.status == YouthStatus.FOLLOWED else 0)
            assert intake.validated_at is not None and intake.shared_diagnosis
            mine = outcomes[youth_id]
            for milestone, months in MILESTONE_MONTHS.items():
                assert mine[milestone].due_on == add_months(intake.held_on, months)
                if mine[milestone].recorded_on is not None:
                    assert mine[milestone].situation is not None
                    assert mine[milestone].recorded_on <= today
            assert (OutcomeMilestone.EXIT in mine) == (youth.status == YouthStatus.EXITED)
        if intake.eligibility_overridden:
            overridden += 1
            assert len((intake.eligibility_justification or "").replace(" ", "")) >= MIN_JUSTIFICATION_CHARS
        if state in (IntakeState.STAGE_1, IntakeState.STAGE_2):
            assert intake.held_on is not None and (today - intake.held_on).days <= 10
    assert 0 < overridden < COHORT * 0.05
    assert planned_today >= 2


def test_store_is_sound_and_outbox_untouched(cohort):
    services, _, outbox_before = cohort
    store = services.ctx.store
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    # Demo rows bypass the outbox on purpose; the store says it holds demo data, so the sync refuses it.
    assert _count(store, OutboxEntry) == outbox_before
    with services.ctx.read() as s:
        assert s.get(LocalSetting, DEMO_SETTING_KEY).value == "1"
    assert DemoDataService(services.ctx).is_demo_store()


def test_rows_read_back_through_the_orm_are_what_the_orm_would_write(cohort, tmp_path):
    """Every demo value, loaded by the ORM and written again by SQLAlchemy into an empty copy, is stored
    byte for byte the same: enum values, ISO dates, UTC timestamps with microseconds, 0/1 booleans."""
    services, _, _ = cohort
    copy = create_engine(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    Base.metadata.create_all(copy)
    source = services.ctx.store.engine
    models = {m.class_.__table__.name: m.class_ for m in Base.registry.mappers}
    try:
        for table in TABLE_ORDER:
            model = models[table]
            columns = [c.key for c in model.__table__.columns]
            with services.ctx.read() as s:
                objects = list(s.scalars(select(model).order_by(model.id).limit(400)))
                values = [{c: getattr(o, c) for c in columns} for o in objects]
            assert values, table
            for row in values:
                for name, value in row.items():
                    column = model.__table__.c[name]
                    if value is None:
                        continue
                    python_type = column.type.python_type
                    if issubclass(python_type, Enum):
                        assert isinstance(value, python_type), (table, name, value)
                    elif python_type is datetime:
                        assert value.tzinfo is UTC, (table, name)
                    elif python_type is date:
                        assert type(value) is date, (table, name)
                    else:
                        assert isinstance(value, python_type), (table, name, value)
            with copy.begin() as conn:
                conn.execute(model.__table__.insert(), values)
            ids = [row["id"] for row in values]
            cols = ", ".join(columns)
            stored = ", ".join(f"X'{id_to_store(i).hex()}'" for i in ids)  # ids as kept: 16 bytes (CompactId)
            stmt = text(f"SELECT {cols} FROM {table} WHERE id IN ({stored}) ORDER BY id")
            with source.connect() as a, copy.connect() as b:
                generated = a.execute(stmt).all()
                assert generated == b.execute(stmt).all(), table
                assert len(generated) == len(ids), table
    finally:
        copy.dispose()


def test_demo_logins_and_the_demo_counsellors_day(cohort):
    services, _, _ = cohort
    actor = services.staff.login(login=DEMO_LOGIN, password=DEMO_PASSWORD)
    assert {StaffRole.COUNSELLOR, StaffRole.REFERENT, StaffRole.ADMINISTRATOR} <= actor.roles
    assert actor.territory_name == "Toulouse Nord"
    assert services.staff.login(login=DEMO_COMMITTEE_LOGIN, password=DEMO_PASSWORD).roles == {StaffRole.COMMITTEE}
    assert services.staff.login(login=DEMO_EVALUATOR_LOGIN, password=DEMO_PASSWORD).roles == {StaffRole.EVALUATOR}
    assert services.staff.login(login=DEMO_REGIONAL_LOGIN, password=DEMO_PASSWORD).roles == {StaffRole.REGIONAL}
    day = services.home.summary(actor=actor)
    assert any(line.planned_at.date() == TODAY for line in day.planned)
    assert day.in_progress
    assert 25 <= day.followed <= actor.caseload_cap
    assert day.outcomes_due
    with services.ctx.read() as s:
        logins_hashes = s.execute(text("SELECT DISTINCT password_hash FROM credential")).all()
    assert len(logins_hashes) == 1  # hashed once per run


def test_deterministic_for_a_seed_and_a_store_state(tmp_path):
    def run(name: str, seed: int) -> dict[str, list[tuple]]:
        store = open_store(tmp_path / name)
        try:
            services = Services.build(store, today=lambda: TODAY)
            DemoDataService(services.ctx).generate(youths=150, seed=seed)
            out = {}
            with store.engine.connect() as conn:
                for table in TABLE_ORDER:
                    cols = [c for c in Base.metadata.tables[table].columns.keys()
                            if c not in ("origin_device", "password_hash")]
                    out[table] = conn.exec_driver_sql(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id").all()
            return out
        finally:
            store.engine.dispose()

    first, again, other = run("a", 11), run("b", 11), run("c", 12)
    assert first == again
    assert first["youth"] != other["youth"]


def test_second_run_adds_youths_and_reuses_staff(loaded_services):
    demo = DemoDataService(loaded_services.ctx)
    first = demo.generate(youths=120, seed=3)
    second = demo.generate(youths=120, seed=3)
    assert first.staff_created > 0
    assert second.staff_created < first.staff_created  # the territories' counsellors already exist
    store = loaded_services.ctx.store
    assert _count(store, Youth) == 240
    with loaded_services.ctx.read() as s:
        assert s.scalar(text("SELECT count(*) FROM credential")) == 4  # the four demo logins
        caps = s.execute(
            select(Staff.caseload_cap, func.count(ReferentAssignment.id))
            .join(ReferentAssignment, ReferentAssignment.staff_id == Staff.id)
            .where(ReferentAssignment.ended_on.is_(None))
            .group_by(Staff.id)
        ).all()
    assert all(n <= cap <= DEFAULT_CASELOAD_CAP for cap, n in caps)


def test_one_territory_only(loaded_services):
    DemoDataService(loaded_services.ctx).generate(youths=60, seed=5, territory_code="ariege")
    with loaded_services.ctx.read() as s:
        codes = set(s.scalars(select(Territory.code).join(Youth, Youth.territory_id == Territory.id)))
    assert codes == {"ariege"}
    with pytest.raises(NotFound, match="Aucun territoire ne porte le code « lune »"):
        DemoDataService(loaded_services.ctx).generate(youths=5, territory_code="lune")


def test_ensure_demo_fills_an_empty_store_once(services):
    # The reference data is not loaded yet: ensure_demo loads it first.
    assert DemoDataService(services.ctx).ensure_demo(youths=40) is True
    assert _count(services.ctx.store, Youth) == 40
    assert DemoDataService(services.ctx).ensure_demo(youths=40) is False
    assert _count(services.ctx.store, Youth) == 40


def test_generate_refuses_a_negative_count(services):
    with pytest.raises(DomainError, match="nombre entier positif"):
        DemoDataService(services.ctx).generate(youths=-1)


def test_cli_demo_data_end_to_end(tmp_path: Path, capsys):
    data_dir = tmp_path / "cli"
    assert pac_main(["--data-dir", str(data_dir), "demo-data", "--youths", "40", "--seed", "9"]) == 0
    out = capsys.readouterr().out
    assert "40 jeunes fictifs créés en" in out
    assert f"identifiant « {DEMO_LOGIN} »" in out
    assert pac_main(["--data-dir", str(data_dir), "demo-data", "--youths", "10", "--territory", "tarbes"]) == 0
    assert pac_main(["--data-dir", str(data_dir), "demo-data", "--youths", "3", "--territory", "mars"]) == 2
    assert "Aucun territoire ne porte le code « mars »" in capsys.readouterr().err
    store = open_encrypted_store(data_dir)  # `pac` makes the store encrypted (issue 7)
    try:
        assert _count(store, Youth) == 50
    finally:
        store.engine.dispose()


def test_fictitious_youths_never_go_into_a_real_store(loaded_services, services):
    from casefile_builders import make_youth

    from pac_desktop.storage.models import SyncDevice

    make_youth(loaded_services, first="Réelle", last="Testvraie")
    with pytest.raises(DomainError, match="contient déjà de vrais dossiers"):
        DemoDataService(loaded_services.ctx).generate(youths=5, seed=1)
    assert _count(loaded_services.ctx.store, Youth) == 1
    assert not DemoDataService(loaded_services.ctx).is_demo_store()
    # An empty store already enrolled with the shared server is refused too.
    with loaded_services.ctx.write() as session:
        session.execute(text("DELETE FROM youth"))  # the fictitious row made above
        session.add(SyncDevice(server_url="https://pac.exemple.fr", device_id="d" * 36, device_name="Poste test"))
    with pytest.raises(DomainError, match="inscrite auprès du serveur partagé"):
        DemoDataService(loaded_services.ctx).generate(youths=5, seed=1)
