"""The sealed reserve (issue 13), with a real pac-server: the store file holds no result in clear, the key that
opens it is only in the keyring, and a slot skipped on a tampered computer is caught by the server's check after
the sync and by `pac-server admin verify-evaluation`."""

from __future__ import annotations

import base64
import sqlite3
from datetime import date

import pytest
from privacy_helpers import make_youth, territory_id
from privacy_server_helpers import set_server_setting
from sqlalchemy import select
from sync_helpers import backends, memory_keyring, new_store, running_server

from pac_desktop.domain.enums import EvaluationArm, StaffRole
from pac_desktop.domain.evaluation import allocation_block
from pac_desktop.security.reserve_key import RESERVE_KEY_SERVICE
from pac_desktop.server import admin, evaluation
from pac_desktop.server.cli import main as server_main
from pac_desktop.server.db import read_transaction
from pac_desktop.server.models import Record
from pac_desktop.services.evaluation import RESERVE_ID_KEY, ReserveUnreadable
from pac_desktop.services.registry import Services
from pac_desktop.storage.models import AuditEvent

PASSWORD = "motdepasse-du-poste"


@pytest.mark.parametrize("backend", backends())
def test_the_reserve_is_sealed_and_a_skipped_slot_is_caught(backend, tmp_path, capsys) -> None:
    with memory_keyring() as keys, running_server(backend, tmp_path) as server:
        ids = {
            role: admin.create_staff(server.engine, first_name="Test", last_name=role.value, organisation_code=org,
                                     roles=[role], login=role.value, password=PASSWORD)
            for role, org in ((StaffRole.ADMINISTRATOR, "ml-tarbes"), (StaffRole.COUNSELLOR, "cio-tarbes"))
        }
        store = new_store(tmp_path / "poste")
        try:
            services = Services.build(store, today=lambda: date(2026, 3, 12))
            code = admin.enrolment_code(server.engine, organisation_code="ml-tarbes").code
            device_id = services.sync.enrol(server_url=server.url, code=code, device_name="Poste de Tarbes").device_id
            services.sync.sync_now()
            # Signed in: the counsellor's changes are signed with the key their password opens (issue 12).
            counsellor = services.sessions.login(login=StaffRole.COUNSELLOR.value, password=PASSWORD)
            assert counsellor.staff_id == ids[StaffRole.COUNSELLOR]
            # The programme's settings are the server administrator's: the draw is switched on there.
            set_server_setting(server, "evaluation.enabled", "1", territory_id(services, "tarbes"))
            services.sync.sync_now()  # the reserve arrives after the cycle
            assert services.evaluation.reserve_levels()["tarbes/minor"] >= 8

            # The store file: no arm in clear, no key; the key is in the keyring only.
            path = tmp_path / "poste" / "pac.sqlite3"
            with sqlite3.connect(path) as raw:
                columns = {row[1] for row in raw.execute("PRAGMA table_info(evaluation_slot)")}
                slots = raw.execute("SELECT stratum, block_number, position, seal FROM evaluation_slot "
                                    "ORDER BY stratum, block_number, position").fetchall()
                (reserve_id,) = raw.execute("SELECT value FROM local_setting WHERE key = ?",
                                            (RESERVE_ID_KEY,)).fetchone()
            assert "arm" not in columns and slots
            arm_words = {arm.value for arm in EvaluationArm} | {arm.label for arm in EvaluationArm}
            assert not any(word in str(slot) for slot in slots for word in arm_words)
            secret = keys.get_password(RESERVE_KEY_SERVICE, reserve_id)
            key = base64.b64decode(secret)
            store_bytes = b"".join(p.read_bytes() for p in path.parent.glob("pac.sqlite3*"))
            assert secret.encode() not in store_bytes and key not in store_bytes and key.hex().encode() not in store_bytes
            # Same arm, same seal? No: the seals of one block's slots look alike whatever their arms.
            with read_transaction(server.engine) as conn:
                seed = evaluation.get_secrets(conn).seed
            minor = [s for s in slots if s[0] == "tarbes/minor"]
            arms = [allocation_block(seed, "tarbes/minor", b)[p] for _, b, p, _ in minor]
            assert len({s[3] for s in minor}) == len(minor) and set(arms) == set(EvaluationArm)

            # Honest draws: the server finds nothing to say.
            youths = [make_youth(services, first=f"Tirage{i}", last="Scelle", birth=date(2009, 1, 1), by=counsellor)
                      for i in range(2)]
            for youth in youths:
                services.evaluation.draw(youth_id=youth, by=counsellor)
            services.sync.sync_now()
            with read_transaction(server.engine) as conn:
                assert evaluation.draw_order_anomalies(conn) == []
            url = server.engine.url.render_as_string(hide_password=False)
            assert server_main(["--database-url", url, "admin", "verify-evaluation"]) == 0
            assert "chacun sur la place suivante" in capsys.readouterr().out

            # A tampered computer: someone marks the next slot used (say, after peeking at it) and draws the next.
            with sqlite3.connect(path) as raw:
                (block, position) = raw.execute(
                    "SELECT block_number, position FROM evaluation_slot WHERE stratum = 'tarbes/minor' AND "
                    "used_by_youth_id IS NULL ORDER BY block_number, position LIMIT 1").fetchone()
                raw.execute("UPDATE evaluation_slot SET used_by_youth_id = 'jete' WHERE stratum = 'tarbes/minor' "
                            "AND block_number = ? AND position = ?", (block, position))
            late = make_youth(services, first="Tirage9", last="Scelle", birth=date(2009, 1, 1), by=counsellor)
            services.evaluation.draw(youth_id=late, by=counsellor)
            services.sync.sync_now()
            with read_transaction(server.engine) as conn:
                found = evaluation.draw_order_anomalies(conn)
                audited = conn.execute(
                    select(Record.__table__.c.data).where(Record.__table__.c.entity == "audit_event")
                ).scalars().all()
            # Two slots of the first block (4 to 8 long) were used: the one thrown away is followed by another.
            assert (block, position) == (0, 2)
            assert {(a.kind, a.block_number, a.position) for a in found} == {("skipped", 0, 2)}
            assert {a.device_id for a in found} == {device_id}
            anomalies = [d for d in audited if d.get("action") == "evaluation_anomaly"]
            assert len(anomalies) == len(found) and all("strate tarbes/minor" in d["detail"] for d in anomalies)
            # The territory's devices receive the finding in their audit trail.
            services.sync.sync_now()
            with services.ctx.read() as session:
                local = session.scalars(select(AuditEvent).where(AuditEvent.action == "evaluation_anomaly")).all()
            assert len(local) == len(found)
            assert server_main(["--database-url", url, "admin", "verify-evaluation"]) == 2
            out = capsys.readouterr()
            assert f"bloc {block}, place {position}" in out.out
            assert "place sautée" in out.out
            assert "hors de l'ordre" in out.err

            # Without its key (another session, a wiped keyring) the reserve opens to nothing: no draw is made.
            keys.delete_password(RESERVE_KEY_SERVICE, reserve_id)
            other = make_youth(services, first="Tirage10", last="Scelle", birth=date(2009, 1, 1), by=counsellor)
            with pytest.raises(ReserveUnreadable, match="ne s'ouvre pas"):
                services.evaluation.draw(youth_id=other, by=counsellor)
            assert services.evaluation.assignment(youth_id=other, actor=counsellor) is None
        finally:
            store.engine.dispose()
