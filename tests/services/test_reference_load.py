"""`pac init` loads the reference data; loading it again changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from pac_desktop.cli import main as pac
from pac_desktop.domain.reference import load_reference_data, stable_id
from pac_desktop.storage.models import Organisation, OutboxEntry, ServiceOffer, Territory, TerritoryRequiredRole


def _counts(store) -> dict[str, int]:
    with store.session_factory() as s:
        return {
            model.__tablename__: s.scalar(select(func.count()).select_from(model))
            for model in (Territory, TerritoryRequiredRole, Organisation, ServiceOffer, OutboxEntry)
        }


def test_load_twice_changes_nothing(services, store):
    first = services.reference.load()
    assert first.created > 0 and first.updated == 0
    after_first = _counts(store)
    second = services.reference.load()
    assert not second.changed and second.unchanged == first.created
    assert _counts(store) == after_first  # no new rows, no new outbox entries


def test_loaded_rows_match_the_files_and_use_stable_ids(loaded_services, store):
    data = load_reference_data()
    with store.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ServiceOffer)) == len(data.offers)
        tarbes = s.get(Territory, stable_id("territory", "tarbes"))
        assert tarbes is not None and tarbes.name == "Tarbes"
        roles = s.scalars(select(TerritoryRequiredRole.role).where(TerritoryRequiredRole.territory_id == tarbes.id))
        assert len(list(roles)) == 4


def test_an_edited_file_updates_only_what_changed(services, store, tmp_path):
    import json
    import shutil

    from pac_desktop.paths import resource_path

    shutil.copytree(resource_path("reference"), tmp_path / "ref")
    services.reference.load(directory=tmp_path / "ref")
    offers = json.loads((tmp_path / "ref" / "offers.json").read_text(encoding="utf-8"))
    offers[0]["title"] = offers[0]["title"] + " (mis à jour)"
    (tmp_path / "ref" / "offers.json").write_text(json.dumps(offers, ensure_ascii=False), encoding="utf-8")
    report = services.reference.load(directory=tmp_path / "ref")
    assert (report.created, report.updated) == (0, 1)


def test_pac_init_twice_from_the_command_line(tmp_path, capsys):
    assert pac(["--data-dir", str(tmp_path), "init"]) == 0
    assert "éléments créés" in capsys.readouterr().out
    assert pac(["--data-dir", str(tmp_path), "init"]) == 0
    assert "déjà à jour" in capsys.readouterr().out


def test_pac_stats_lists_the_territories(tmp_path, capsys):
    pac(["--data-dir", str(tmp_path), "init"])
    capsys.readouterr()
    assert pac(["--data-dir", str(tmp_path), "stats"]) == 0
    out = capsys.readouterr().out
    for name in ("Ariège", "Tarbes", "Toulouse Mirail", "Toulouse Nord", "Total"):
        assert name in out


def test_a_user_error_is_french_with_status_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PAC_NEW_PASSWORD", "assez-long-2026")
    pac(["--data-dir", str(tmp_path), "init"])
    code = pac(["--data-dir", str(tmp_path), "staff", "add", "--first-name", "Test", "--last-name", "Fictif",
                "--organisation", "nulle-part", "--role", "counsellor"])
    assert code == 2
    assert "Aucune structure ne porte le code" in capsys.readouterr().err
