"""The shipped reference data loads and matches the programme; broken copies are refused in plain French."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pac_desktop.domain.enums import ROLE_ORG_KINDS, IntakeRole, OfferCategory, OrgKind, PartnerKind, TerritoryKind
from pac_desktop.domain.errors import DomainError
from pac_desktop.domain.reference import (
    ENTITY_OFFER,
    ENTITY_ORGANISATION,
    ENTITY_TERRITORY,
    OFFERS_FILE,
    ORGANISATIONS_FILE,
    TERRITORIES_FILE,
    ReferenceData,
    ReferenceDataError,
    load_reference_data,
    stable_id,
)
from pac_desktop.paths import resource_path

CORE_ROLES = (IntakeRole.CIO_PSYCHOLOGIST, IntakeRole.MGI_COUNSELLOR, IntakeRole.ML_COUNSELLOR)


@pytest.fixture(scope="module")
def data() -> ReferenceData:
    return load_reference_data()


# --- The shipped files --------------------------------------------------------------------------------------


def test_shipped_files_load_from_the_default_folder(data: ReferenceData) -> None:
    assert {t.code for t in data.territories} == {"ariege", "tarbes", "toulouse-mirail", "toulouse-nord"}
    assert data.organisations and data.offers


def test_an_explicit_folder_gives_the_same_data(data: ReferenceData) -> None:
    assert load_reference_data(resource_path("reference")) == data


def test_territories_match_the_glossary(data: ReferenceData) -> None:
    expected = {
        "ariege": (TerritoryKind.RURAL, False, "09"),
        "tarbes": (TerritoryKind.RURAL, True, "65"),
        "toulouse-mirail": (TerritoryKind.URBAN, True, "31"),
        "toulouse-nord": (TerritoryKind.URBAN, True, "31"),
    }
    for code, (kind, priority_area, department) in expected.items():
        territory = data.territory(code)
        assert (territory.kind, territory.priority_area, territory.department) == (kind, priority_area, department)


def test_tarbes_requires_four_roles_the_others_three(data: ReferenceData) -> None:
    for territory in data.territories:
        if territory.code == "tarbes":
            assert set(territory.required_roles) == {*CORE_ROLES, IntakeRole.APPRENTICESHIP_CORRESPONDENT}
        else:
            assert set(territory.required_roles) == set(CORE_ROLES)


def test_tarbes_has_both_chambers(data: ReferenceData) -> None:
    chambers = [o for o in data.organisations if o.territory == "tarbes" and o.kind is OrgKind.CHAMBER]
    names = " / ".join(o.name for o in chambers)
    assert len(chambers) == 2
    assert "Chambre de commerce et d'industrie" in names
    assert "Chambre de métiers et de l'artisanat" in names


def test_each_territory_can_staff_its_intake_team(data: ReferenceData) -> None:
    for territory in data.territories:
        for role in territory.required_roles:
            orgs = data.staffing_organisations(territory=territory.code, role=role)
            assert orgs, (territory.code, role)
            assert all(o.territory == territory.code and o.kind in ROLE_ORG_KINDS[role] for o in orgs)


def test_each_territory_has_its_cio_mgi_mission_locale_and_schools(data: ReferenceData) -> None:
    for territory in data.territories:
        kinds = {o.kind for o in data.organisations if o.territory == territory.code}
        assert {OrgKind.CIO, OrgKind.MGI, OrgKind.SCHOOL} <= kinds, territory.code
        assert kinds & {OrgKind.MISSION_LOCALE, OrgKind.ML_ANTENNA}, territory.code


def test_toulouse_territories_are_covered_by_antennas_of_both_missions_locales(data: ReferenceData) -> None:
    for code in ("toulouse-mirail", "toulouse-nord"):
        antennas = [o for o in data.organisations if o.territory == code and o.kind is OrgKind.ML_ANTENNA]
        assert {o.parent for o in antennas} == {"ml-toulouse", "ml-haute-garonne"}
    for parent in ("ml-toulouse", "ml-haute-garonne"):
        assert data.organisation(parent).kind is OrgKind.MISSION_LOCALE


def test_a_dali_for_newly_arrived_youths_exists(data: ReferenceData) -> None:
    dalis = [o for o in data.organisations if o.kind is OrgKind.DALI and "NAF" in o.short_name]
    assert len(dalis) == 1
    naf_offers = [o for o in data.offers if o.provider == dalis[0].code]
    assert naf_offers and all(o.newly_arrived_only for o in naf_offers)


def test_every_partner_kind_appears(data: ReferenceData) -> None:
    present = {o.partner_kind for o in data.organisations if o.partner_kind is not None}
    assert present == set(PartnerKind)
    assert all(o.kind is OrgKind.PARTNER for o in data.organisations if o.partner_kind is not None)


def test_contact_details_are_obviously_fictitious(data: ReferenceData) -> None:
    for org in data.organisations:
        assert org.email.endswith("@exemple.fr"), org.code
        assert org.phone.startswith("05 00 "), org.code
    assert len({o.phone for o in data.organisations}) == len(data.organisations)


def test_catalogue_has_at_least_forty_offers_in_every_category(data: ReferenceData) -> None:
    assert len(data.offers) >= 40
    assert {o.category for o in data.offers} == set(OfferCategory)


def test_every_territory_has_offers_of_its_own_and_shared_ones(data: ReferenceData) -> None:
    shared = [o for o in data.offers if o.territory is None]
    assert shared
    for territory in data.territories:
        own = [o for o in data.offers_for(territory.code) if o.territory == territory.code]
        assert len(own) >= 5, territory.code
        assert set(shared) <= set(data.offers_for(territory.code))


def test_offer_ages_are_consistent(data: ReferenceData) -> None:
    for offer in data.offers:
        assert offer.min_age >= 16 or offer.newly_arrived_only, offer.code
        assert offer.max_age is None or offer.max_age >= offer.min_age, offer.code


def test_lookup_of_an_unknown_code_raises_key_error(data: ReferenceData) -> None:
    with pytest.raises(KeyError):
        data.organisation("organisme-inconnu")


# --- stable_id ----------------------------------------------------------------------------------------------


def test_stable_id_is_a_deterministic_uuid5() -> None:
    first = stable_id("organisation", "cio-ariege")
    assert first == stable_id("organisation", "cio-ariege")
    assert uuid.UUID(first).version == 5


def test_stable_id_differs_by_kind_and_by_code() -> None:
    ids = {
        stable_id(ENTITY_TERRITORY, "tarbes"),
        stable_id(ENTITY_ORGANISATION, "tarbes"),
        stable_id(ENTITY_OFFER, "tarbes"),
        stable_id(ENTITY_ORGANISATION, "cio-tarbes"),
    }
    assert len(ids) == 4


def test_stable_id_never_changes() -> None:
    # Pinned: a change here would give every device new keys for the same reference rows.
    assert stable_id("organisation", "cio-ariege") == "fc72e04b-bf37-52f1-a02f-9a8286bbb306"


def test_specs_expose_their_stable_id(data: ReferenceData) -> None:
    assert data.organisation("cio-ariege").id == stable_id(ENTITY_ORGANISATION, "cio-ariege")
    assert data.territory("tarbes").id == stable_id(ENTITY_TERRITORY, "tarbes")
    offer = data.offers[0]
    assert offer.id == stable_id(ENTITY_OFFER, offer.code)


@pytest.mark.parametrize(("kind", "code"), [("", "cio-ariege"), ("organisation", ""), ("a/b", "c")])
def test_stable_id_refuses_ambiguous_input(kind: str, code: str) -> None:
    with pytest.raises(ValueError):
        stable_id(kind, code)


# --- Broken copies --------------------------------------------------------------------------------------------


def broken_copy(tmp_path: Path, file_name: str, change: Callable[[list[dict[str, Any]]], None]) -> Path:
    """A copy of the shipped files in tmp_path, with ``change`` applied to one of them."""
    folder = tmp_path / "reference"
    shutil.copytree(resource_path("reference"), folder)
    path = folder / file_name
    entries = json.loads(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def load_error(folder: Path) -> ReferenceDataError:
    with pytest.raises(ReferenceDataError) as caught:
        load_reference_data(folder)
    assert isinstance(caught.value, DomainError)
    return caught.value


def entry(entries: list[dict[str, Any]], code: str) -> dict[str, Any]:
    return next(e for e in entries if e["code"] == code)


def test_unknown_category_is_refused(tmp_path: Path) -> None:
    def change(offers: list[dict[str, Any]]) -> None:
        entry(offers, "epide")["category"] = "loisirs"

    error = load_error(broken_copy(tmp_path, OFFERS_FILE, change))
    message = str(error)
    assert len(error.problems) == 1
    assert OFFERS_FILE in message and "« epide »" in message
    assert "« loisirs », qui n'est pas une valeur connue" in message
    assert "return_to_school" in message  # the allowed values are listed


def test_dangling_parent_is_refused(tmp_path: Path) -> None:
    def change(orgs: list[dict[str, Any]]) -> None:
        entry(orgs, "ml-ariege-pamiers")["parent"] = "ml-inexistante"

    message = str(load_error(broken_copy(tmp_path, ORGANISATIONS_FILE, change)))
    assert ORGANISATIONS_FILE in message and "« ml-ariege-pamiers »" in message
    assert "l'organisme de rattachement « ml-inexistante » n'existe pas" in message


def test_duplicate_code_is_refused(tmp_path: Path) -> None:
    def change(offers: list[dict[str, Any]]) -> None:
        offers.append(dict(entry(offers, "pmsmp"), title="Autre immersion fictive"))

    message = str(load_error(broken_copy(tmp_path, OFFERS_FILE, change)))
    assert OFFERS_FILE in message
    assert "le code « pmsmp » est déjà utilisé" in message


def test_unknown_territory_and_provider_are_refused(tmp_path: Path) -> None:
    def change(offers: list[dict[str, Any]]) -> None:
        entry(offers, "fle").update(territory="lourdes-centre", provider="organisme-fictif")

    error = load_error(broken_copy(tmp_path, OFFERS_FILE, change))
    assert len(error.problems) == 2
    assert "le territoire « lourdes-centre » n'existe pas" in str(error)
    assert "l'organisme « organisme-fictif » n'existe pas" in str(error)


def test_offer_of_a_local_provider_must_stay_in_its_territory(tmp_path: Path) -> None:
    def change(offers: list[dict[str, Any]]) -> None:
        entry(offers, "bilan-orientation-cio-ariege")["territory"] = "tarbes"

    message = str(load_error(broken_copy(tmp_path, OFFERS_FILE, change)))
    assert "dépend du territoire « ariege »" in message


def test_territory_without_a_chamber_cannot_staff_its_team(tmp_path: Path) -> None:
    def change(orgs: list[dict[str, Any]]) -> None:
        orgs[:] = [o for o in orgs if o["kind"] != "chamber"]

    error = load_error(broken_copy(tmp_path, ORGANISATIONS_FILE, change))
    assert TERRITORIES_FILE in str(error) and "« tarbes »" in str(error)
    assert IntakeRole.APPRENTICESHIP_CORRESPONDENT.label in str(error)


def test_antenna_must_hang_from_a_mission_locale(tmp_path: Path) -> None:
    def change(orgs: list[dict[str, Any]]) -> None:
        entry(orgs, "ml-hg-colomiers")["parent"] = "mgi-academie-toulouse"

    assert "une antenne doit être rattachée à une Mission Locale" in str(
        load_error(broken_copy(tmp_path, ORGANISATIONS_FILE, change))
    )


def test_parent_loop_is_refused(tmp_path: Path) -> None:
    def change(orgs: list[dict[str, Any]]) -> None:
        entry(orgs, "mgi-academie-toulouse")["parent"] = "mgi-ariege"

    error = load_error(broken_copy(tmp_path, ORGANISATIONS_FILE, change))
    loops = [p for p in error.problems if "tournent en rond" in p]
    assert len(loops) == 1


def test_field_problems_name_the_entry_and_are_all_reported(tmp_path: Path) -> None:
    def change(orgs: list[dict[str, Any]]) -> None:
        cio = entry(orgs, "cio-ariege")
        cio.update(phone="0561000000", postcode="9000", partner_kind="pjj", town="")
        cio["adresse"] = cio.pop("address")

    error = load_error(broken_copy(tmp_path, ORGANISATIONS_FILE, change))
    assert all(p.startswith(f"{ORGANISATIONS_FILE}, entrée n° ") and "(« cio-ariege »)" in p for p in error.problems)
    text = "\n".join(error.problems)
    for fragment in ("« phone »", "« postcode »", "« partner_kind »", "« town »", "« adresse »", "« address » manque"):
        assert fragment in text


def test_wrong_types_are_refused(tmp_path: Path) -> None:
    def change(offers: list[dict[str, Any]]) -> None:
        entry(offers, "pmsmp").update(min_age=True, newly_arrived_only="non")
        entry(offers, "fle").update(min_age=30, max_age=20)

    text = "\n".join(load_error(broken_copy(tmp_path, OFFERS_FILE, change)).problems)
    assert "« min_age » doit être un âge" in text
    assert "« newly_arrived_only » doit valoir true ou false" in text
    assert "l'âge maximum (20 ans) est inférieur à l'âge minimum (30 ans)" in text


def test_problems_in_several_files_are_reported_together(tmp_path: Path) -> None:
    folder = broken_copy(tmp_path, TERRITORIES_FILE, lambda ts: entry(ts, "ariege").update(kind="montagne"))
    (folder / OFFERS_FILE).write_text("[{", encoding="utf-8")
    error = load_error(folder)
    assert any(p.startswith(TERRITORIES_FILE) for p in error.problems)
    assert any(p.startswith(OFFERS_FILE) and "JSON valide" in p for p in error.problems)
    assert str(error).startswith("Les données de référence ne peuvent pas être chargées (2 problèmes)")


def test_missing_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "vide"
    folder.mkdir()
    error = load_error(folder)
    assert len(error.problems) == 3
    assert all("est introuvable" in p for p in error.problems)
