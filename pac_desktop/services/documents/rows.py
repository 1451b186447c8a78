"""Rows every document reads: the intake, the territory, reference rows, and the scrubber of the pseudonymised pack."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select

from pac_desktop.domain.enums import (
    OrgKind,
)
from pac_desktop.domain.errors import NotFound
from pac_desktop.reports.model import (
    PROGRAMME_NAME,
    Address,
    Letterhead,
)
from pac_desktop.storage.lookups import dotted_initials, youths_intake
from pac_desktop.storage.models import (
    JointIntake,
    Organisation,
    ServiceOffer,
    Staff,
    Territory,
    Youth,
)
from pac_desktop.storage.outbox import LocalSession

# The partner networks named in the header of documents that cover every territory.
REGIONAL_PARTNERS = ("CIO", "MGI", "Missions Locales", "Chambres consulaires")
# Kinds of organisation named in a territory's letterhead (the intake team's employers).
_LETTERHEAD_KINDS = (OrgKind.CIO, OrgKind.MGI, OrgKind.MISSION_LOCALE, OrgKind.ML_ANTENNA, OrgKind.CHAMBER)


def _get_intake(session: LocalSession, intake_id: str) -> JointIntake:
    intake = session.get(JointIntake, intake_id)
    if intake is None or intake.deleted_at is not None:
        raise NotFound("Cet accueil commun n'existe pas (ou plus) dans cette base.")
    return intake


def _latest_intake(session: LocalSession, youth_id: str) -> JointIntake:
    if session.get(Youth, youth_id) is None:
        raise NotFound("Aucun accueil commun ni aucun jeune ne porte cet identifiant dans cette base.")
    intake = youths_intake(session, youth_id)
    if intake is None:
        raise NotFound("Ce jeune n'a pas encore eu d'accueil commun : il n'y a pas de passeport à imprimer.")
    return intake


def _get_territory(session: LocalSession, code: str) -> Territory:
    territory = session.scalar(select(Territory).where(Territory.code == code, Territory.deleted_at.is_(None)))
    if territory is None:
        known = ", ".join(session.scalars(select(Territory.code).order_by(Territory.code)))
        raise NotFound(f"Aucun territoire ne porte le code « {code} ». Codes connus : {known or 'aucun'}.")
    return territory


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+33\s?|0033\s?|\b0)[1-9](?:[\s.\-]?\d{2}){4}\b")


class _Scrubber:
    """Removes a youth's identity from free text for the pseudonymised pack: names become initials,
    contact details disappear. Accent- and case-insensitive on the names."""

    def __init__(self, *, first_name: str, last_name: str, other_names: Iterable[str] = ()) -> None:
        first_initial = dotted_initials(first_name, "").strip()
        last_initial = dotted_initials("", last_name).strip()
        self._replacements: list[tuple[re.Pattern[str], str]] = []
        names = [(f"{first_name} {last_name}", dotted_initials(first_name, last_name)), (last_name, last_initial),
                 (first_name, first_initial)]
        names += [(n, "[nom retiré]") for n in other_names if n and n.strip()]
        for name, replacement in names:
            for variant in {name, _strip_accents(name)}:
                if len(variant.strip()) >= 2:
                    self._replacements.append(
                        (re.compile(rf"(?<!\w){re.escape(variant.strip())}(?!\w)", re.IGNORECASE), replacement)
                    )

    def __call__(self, text: str | None) -> str:
        if not text:
            return text or ""
        text = _EMAIL.sub("[adresse retirée]", text)
        text = _PHONE.sub("[numéro retiré]", text)
        for pattern, replacement in self._replacements:
            text = pattern.sub(replacement, text)
        return text


def _strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


class _Lookup:
    """Reference rows needed by every document, read once per unit of work (they are small tables)."""

    def __init__(self, session: LocalSession) -> None:
        self.session = session
        self.orgs: dict[str, Organisation] = {o.id: o for o in session.scalars(select(Organisation))}
        self.territories: dict[str, Territory] = {t.id: t for t in session.scalars(select(Territory))}
        self.offers: dict[str, ServiceOffer] = {o.id: o for o in session.scalars(select(ServiceOffer))}
        self.staff: dict[str, Staff] = {s.id: s for s in session.scalars(select(Staff))}
        self._letterheads: dict[str | None, Letterhead] = {}

    def staff_name(self, staff_id: str | None) -> str:
        staff = self.staff.get(staff_id or "")
        return f"{staff.first_name} {staff.last_name}" if staff else "Personne inconnue"

    def org_name(self, org_id: str | None) -> str | None:
        org = self.orgs.get(org_id or "")
        return org.name if org else None

    def staff_org(self, staff_id: str | None) -> Organisation | None:
        staff = self.staff.get(staff_id or "")
        return self.orgs.get(staff.organisation_id) if staff else None

    def address(self, org: Organisation) -> Address:
        return Address(
            name=org.name, address=org.address, postcode=org.postcode, town=org.town, phone=org.phone, email=org.email
        )

    def letterhead(self, territory_id: str | None) -> Letterhead:
        if territory_id not in self._letterheads:
            if territory_id is None:
                self._letterheads[None] = Letterhead(programme=PROGRAMME_NAME, partners=REGIONAL_PARTNERS)
            else:
                territory = self.territories.get(territory_id)
                orgs = sorted(
                    (
                        o
                        for o in self.orgs.values()
                        if o.territory_id == territory_id and o.kind in _LETTERHEAD_KINDS and o.deleted_at is None
                    ),
                    key=lambda o: (_LETTERHEAD_KINDS.index(o.kind), o.name),
                )
                partners = tuple(o.short_name or o.name for o in orgs) or REGIONAL_PARTNERS
                self._letterheads[territory_id] = Letterhead(
                    programme=PROGRAMME_NAME, partners=partners, territory_name=territory.name if territory else None
                )
        return self._letterheads[territory_id]


def _alive(model):
    return model.deleted_at.is_(None)
