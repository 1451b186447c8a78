"""Obviously fictitious intakes written with the ORM, with exactly the words the document tests look for.

Accents everywhere (é, è, ç, œ, « »), one youth of each kind (minor, adult, with a family member present,
with an eligibility override, with a referent designated over the cap, with amendments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from pac_desktop.domain.enums import (
    AnalysisSection,
    Barrier,
    IntakeRole,
    IntakeState,
    OfferCategory,
    OutcomeMilestone,
    OutcomeSituation,
    ParticipantKind,
    ReferralSource,
    StaffRole,
    YouthAnswer,
)
from pac_desktop.storage.base import id_from_store, id_to_store
from pac_desktop.storage.models import (
    AnalysisNote,
    IntakeAmendment,
    IntakeBarrier,
    IntakeParticipant,
    IntakeValidation,
    JointIntake,
    Organisation,
    Outcome,
    ProposedSolution,
    ReferentAssignment,
    Referral,
    ServiceOffer,
    Territory,
    Youth,
)


@dataclass
class Team:
    cio: str
    mgi: str
    ml: str
    referent: str
    names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MadeIntake:
    intake_id: str
    youth_id: str
    first_name: str
    last_name: str
    phone: str
    email: str


def make_team(services, *, territory: str = "toulouse-nord", suffix: str = "") -> Team:
    orgs = {
        "toulouse-nord": ("cio-toulouse-nord", "mgi-toulouse-nord", "ml-toulouse-nord"),
        "tarbes": ("cio-tarbes", "mgi-tarbes", "ml-tarbes"),
        "ariege": ("cio-ariege", "mgi-ariege", "ml-ariege"),
    }[territory]
    people = [
        ("Françoise", "Cœurdevey" + suffix, orgs[0], [StaffRole.COUNSELLOR]),
        ("Jérôme", "Lefèvre-Testé" + suffix, orgs[1], [StaffRole.COUNSELLOR]),
        ("Maëlle", "Garçon-Fictif" + suffix, orgs[2], [StaffRole.COUNSELLOR, StaffRole.REFERENT]),
    ]
    ids = []
    names = {}
    for first, last, org, roles in people:
        staff_id = services.staff.add(first_name=first, last_name=last, organisation_code=org, roles=roles,
                                      phone="05 00 00 99 01", email=f"{first[:3].lower()}@exemple.fr")
        ids.append(staff_id)
        names[staff_id] = f"{first} {last}"
    return Team(cio=ids[0], mgi=ids[1], ml=ids[2], referent=ids[2], names=names)


def make_intake(
    services,
    team: Team,
    *,
    first_name: str = "Zoé",
    last_name: str = "Bérézé-Fictive",
    birth_date: date = date(2009, 5, 4),
    held_on: date = date(2026, 3, 12),
    territory: str = "toulouse-nord",
    state: IntakeState = IntakeState.VALIDATED,
    phone: str = "06 12 34 56 78",
    email: str = "zoe.fictive@exemple.fr",
    family_member: str | None = "Agnès Bérézé-Fictive",
    override: str | None = None,
    cap_override: str | None = None,
    amendments: bool = False,
    outcomes: dict[OutcomeMilestone, OutcomeSituation] | None = None,
    source: ReferralSource = ReferralSource.SCHOOL,
    answers: tuple[YouthAnswer, ...] = (YouthAnswer.ACCEPTED, YouthAnswer.REFUSED, YouthAnswer.THINKING),
    priority_area: bool = True,
) -> MadeIntake:
    with services.ctx.write(team.cio) as s:
        territory_row = s.scalar(select(Territory).where(Territory.code == territory))
        host = s.scalar(select(Organisation).where(Organisation.code == f"cio-{territory}"))
        youth = Youth(
            territory_id=territory_row.id, first_name=first_name, last_name=last_name, birth_date=birth_date,
            phone=phone, email=email, address="3 rue des Essais", postcode="31200", town="Toulouse",
            lives_in_priority_area=priority_area, left_school_on=date(2025, 12, 19), has_qualification=False,
            followed_by_structure=False if override is None else True,
        )
        youth.case_id = youth.id = _new_id()
        s.add(youth)
        s.flush()
        referral = Referral(case_id=youth.id, youth_id=youth.id, source=source, referred_on=date(2026, 2, 2),
                            referrer_structure="Lycée professionnel des Minimes")
        s.add(referral)
        s.flush()
        intake = JointIntake(
            case_id=youth.id, youth_id=youth.id, territory_id=territory_row.id, host_organisation_id=host.id,
            referral_id=referral.id, held_on=held_on, state=state,
            planned_at=datetime(held_on.year, held_on.month, held_on.day, 8, 30, tzinfo=UTC),
            eligibility_overridden=override is not None, eligibility_justification=override,
            shared_diagnosis=(
                f"{first_name} a quitté le lycée en décembre ; elle veut travailler « dans le soin » et a le cœur "
                "à l'ouvrage. Elle a besoin d'un cadre pour reprendre confiance."
            ),
            diagnosis_agreed=True,
            next_appointment_at=datetime(2026, 3, 19, 13, 0, tzinfo=UTC),
            next_appointment_place="Mission Locale, 18 rue Valade, Toulouse",
            next_appointment_staff_id=team.referent,
            validated_at=datetime(held_on.year, held_on.month, held_on.day, 10, 5, tzinfo=UTC)
            if state is IntakeState.VALIDATED else None,
        )
        s.add(intake)
        s.flush()
        participants = [
            (ParticipantKind.COUNSELLOR, IntakeRole.CIO_PSYCHOLOGIST, team.cio, None, None),
            (ParticipantKind.COUNSELLOR, IntakeRole.MGI_COUNSELLOR, team.mgi, None, None),
            (ParticipantKind.COUNSELLOR, IntakeRole.ML_COUNSELLOR, team.ml, None, None),
            (ParticipantKind.YOUTH, None, None, None, None),
        ]
        if family_member:
            participants.append((ParticipantKind.FAMILY, None, None, family_member, "mère"))
        for position, (kind, role, staff_id, full_name, relationship) in enumerate(participants):
            s.add(IntakeParticipant(case_id=youth.id, intake_id=intake.id, kind=kind, role=role, staff_id=staff_id,
                                    full_name=full_name, relationship=relationship, position=position))
        notes = [
            (AnalysisSection.SCHOOLING, team.cio,
             f"Sortie de seconde en décembre. {first_name} {last_name} dit s'être « perdue » en mathématiques."),
            (AnalysisSection.PROFESSIONAL_PROJECT, team.ml,
             f"Projet : aide-soignante. Joignable au {phone} ou par courriel {email}."),
            (AnalysisSection.HEALTH, team.mgi, "Suivi orthophonique ancien, rien d'actuel (rubrique sensible)."),
            (AnalysisSection.STRENGTHS, team.ml, "Très à l'aise à l'oral ; bénévole à la Croix-Rouge, ça compte."),
        ]
        for minute, (section, author, text) in enumerate(notes):
            s.add(AnalysisNote(case_id=youth.id, intake_id=intake.id, section=section, author_staff_id=author,
                               text=text, written_at=datetime(2026, 3, 12, 9, minute, tzinfo=UTC)))
        for barrier in (Barrier.MOBILITY, Barrier.SELF_CONFIDENCE):
            s.add(IntakeBarrier(case_id=youth.id, intake_id=intake.id, barrier=barrier))
        offers = {o.category: o for o in s.scalars(select(ServiceOffer).where(ServiceOffer.territory_id.is_(None)))}
        chosen = [OfferCategory.VOCATIONAL_TRAINING, OfferCategory.CIVIC_SERVICE, OfferCategory.MOBILITY]
        for category, answer in zip(chosen, answers, strict=False):
            offer = offers.get(category)
            s.add(ProposedSolution(case_id=youth.id, intake_id=intake.id, youth_id=youth.id,
                                   offer_id=offer.id if offer else None,
                                   free_text=None if offer else f"Solution {category.label}",
                                   category=category, youth_answer=answer, planned_start=date(2026, 4, 1)))
        s.add(ReferentAssignment(case_id=youth.id, youth_id=youth.id, staff_id=team.referent, intake_id=intake.id,
                                 started_on=held_on, cap_override_reason=cap_override, designated_by=team.cio))
        if state is IntakeState.VALIDATED:
            for minute, staff_id in enumerate((team.cio, team.mgi, team.ml)):
                s.add(IntakeValidation(case_id=youth.id, intake_id=intake.id, staff_id=staff_id,
                                       validated_at=datetime(held_on.year, held_on.month, held_on.day, 10, minute,
                                                             tzinfo=UTC)))
        if amendments:
            s.add(IntakeAmendment(case_id=youth.id, intake_id=intake.id, field="next_appointment_place",
                                  old_value="CIO", new_value="Mission Locale",
                                  reason="Le jeune préfère la Mission Locale, plus proche de chez lui.",
                                  amended_by=team.ml, amended_at=datetime(2026, 3, 13, 8, 0, tzinfo=UTC)))
        for milestone, situation in (outcomes or {}).items():
            s.add(Outcome(case_id=youth.id, youth_id=youth.id, intake_id=intake.id, milestone=milestone,
                          due_on=held_on, recorded_on=held_on, situation=situation))
        return MadeIntake(intake.id, youth.id, first_name, last_name, phone, email)


def _new_id() -> str:
    from pac_desktop.storage.models import new_id

    return new_id()


# --- reading PDFs back, and plain SQL ---------------------------------------------------------------------


@dataclass(frozen=True)
class Pdf:
    """A PDF read back: the text of each page (whitespace collapsed) and the fonts it uses."""

    path: Path
    pages: list[str]
    fonts: set[str]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def page_count(self) -> int:
        return len(self.pages)


def read_pdf(path: Path) -> Pdf:
    reader = PdfReader(str(path))
    pages, fonts = [], set()
    for page in reader.pages:
        pages.append(" ".join(page.extract_text().split()))
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
        for xobject in (resources.get("/XObject") or {}).values():
            for font in ((xobject.get_object().get("/Resources") or {}).get("/Font") or {}).values():
                fonts.add(str(font.get_object()["/BaseFont"]))
    return Pdf(path=path, pages=pages, fonts=fonts)


def assert_numbered(pdf: Pdf) -> None:
    """Every page says "Page N sur M", with the right N and M."""
    total = pdf.page_count
    for number, text in enumerate(pdf.pages, start=1):
        assert f"Page {number} sur {total}" in text, f"page {number}: no « Page {number} sur {total} »"


def assert_embedded_fonts_only(pdf: Pdf) -> None:
    assert pdf.fonts, "no font found"
    assert all("DejaVuSans" in f for f in pdf.fonts), pdf.fonts


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def sql(services, query: str, *params) -> list[tuple]:
    """Plain SQL on the store, apart from the application's queries (independent counts). Through the store's
    engine: the file is encrypted (SQLCipher), so it takes the engine's key."""
    with services.ctx.store.engine.connect() as con:
        # Ids bound and read as the store keeps them (storage.base.CompactId: 16 bytes), shown as text.
        return [tuple(id_from_store(v) for v in row)
                for row in con.exec_driver_sql(query, tuple(id_to_store(p) for p in params)).fetchall()]
