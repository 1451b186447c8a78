"""Changes are announced (issue 11): after each committed unit of work the store tells its listeners which
tables, rows and youths changed — never a value; a refused write announces nothing."""

from __future__ import annotations

import threading

import pytest
from intake_builders import make_team, new_youth

from pac_desktop.domain.errors import DomainError


@pytest.fixture
def heard(loaded_services):
    changes = []
    stop = loaded_services.ctx.changes.subscribe(changes.append)
    yield changes
    stop()


def test_a_save_announces_its_rows_and_youth_once_committed(loaded_services, heard):
    s = loaded_services
    team = make_team(s, "tarbes")
    youth_id = new_youth(s, team, first="Anna", last="Testannonce")
    intake_id = s.intake.start(youth_id=youth_id, by=team.lead)
    heard.clear()

    s.intake.save_field(intake_id=intake_id, field="youth.town", value="Lourdes", by=team.lead)
    assert len(heard) == 1
    change = heard[0]
    assert change.source == "local" and change.touches_case(youth_id)
    assert youth_id in change.ids_of("youth")
    assert not change.touches_case("another-youth") and not change.unknown_cases
    assert "Lourdes" not in repr(change)  # ids and tables only

    # A read commits nothing worth saying; a refused write is rolled back and says nothing either.
    heard.clear()
    s.intake.intake_detail(intake_id=intake_id, by=team.lead)
    with pytest.raises(DomainError):
        s.intake.save_field(intake_id=intake_id, field="youth.email", value="pas-une-adresse", by=team.lead)
    assert heard == []


def test_listeners_hear_on_the_committing_thread_and_can_stop(loaded_services, heard):
    s = loaded_services
    team = make_team(s, "tarbes")
    threads: list[str] = []
    stop = s.ctx.changes.subscribe(lambda _c: threads.append(threading.current_thread().name))
    worker = threading.Thread(target=lambda: new_youth(s, team, first="Bruno", last="Testfil"), name="db-write")
    worker.start()
    worker.join()
    assert threads and set(threads) == {"db-write"}
    stop()
    new_youth(s, team, first="Chloé", last="Testfin")
    assert set(threads) == {"db-write"} and len(heard) >= 2
