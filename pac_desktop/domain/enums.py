"""The programme's vocabulary as enums. Values are stable identifiers (stored and synced); labels are French."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry their French label: ``Member = ("value", "Libellé")``."""

    def __new__(cls, value: str, label: str):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj


class TerritoryKind(LabelledEnum):
    RURAL = ("rural", "rural")
    URBAN = ("urban", "urbain")


class OrgKind(LabelledEnum):
    CIO = ("cio", "Centre d'information et d'orientation")
    MGI = ("mgi", "Mission générale d'insertion")
    DALI = ("dali", "Dispositif d'accueil local d'insertion")
    MISSION_LOCALE = ("mission_locale", "Mission Locale")
    ML_ANTENNA = ("ml_antenna", "Antenne de Mission Locale")
    CHAMBER = ("chamber", "Chambre consulaire")
    SCHOOL = ("school", "Établissement scolaire")
    PARTNER = ("partner", "Partenaire")


class PartnerKind(LabelledEnum):
    PJJ = ("pjj", "Protection judiciaire de la jeunesse")
    YOUTH_WELCOME_POINT = ("youth_welcome_point", "Point d'accueil jeunes")
    PRIVATE_SCHOOL = ("private_school", "Établissement privé")
    EDUCATIONAL_WATCH = ("educational_watch", "Cellule de veille éducative")


class IntakeRole(LabelledEnum):
    CIO_PSYCHOLOGIST = ("cio_psychologist", "Conseiller d'orientation psychologue (CIO)")
    MGI_COUNSELLOR = ("mgi_counsellor", "Conseiller technique d'insertion (MGI)")
    ML_COUNSELLOR = ("ml_counsellor", "Conseiller Mission Locale")
    APPRENTICESHIP_CORRESPONDENT = (
        "apprenticeship_correspondent",
        "Correspondante apprentissage (chambres consulaires)",
    )


# Which kinds of organisation may provide each role at the joint intake.
ROLE_ORG_KINDS: dict[IntakeRole, frozenset[OrgKind]] = {
    IntakeRole.CIO_PSYCHOLOGIST: frozenset({OrgKind.CIO}),
    IntakeRole.MGI_COUNSELLOR: frozenset({OrgKind.MGI, OrgKind.DALI}),
    IntakeRole.ML_COUNSELLOR: frozenset({OrgKind.MISSION_LOCALE, OrgKind.ML_ANTENNA}),
    IntakeRole.APPRENTICESHIP_CORRESPONDENT: frozenset({OrgKind.CHAMBER}),
}


class StaffRole(LabelledEnum):
    """What a staff member may do in the application (issue 7 enforces them)."""

    COUNSELLOR = ("counsellor", "Conseiller (accueils communs)")
    REFERENT = ("referent", "Référent unique")
    COMMITTEE = ("committee", "Comité technique local")
    ADMINISTRATOR = ("administrator", "Administrateur")
    EVALUATOR = ("evaluator", "Évaluateur")
    #: The regional steering committees (« comité de pilotage régional »): every territory's indicators, side by
    #: side and pseudonymised; no case file, no name (issue 18 §6).
    REGIONAL = ("regional", "Comité de pilotage régional")


class ReferralSource(LabelledEnum):
    CIO = ("cio", "CIO (et établissements de son bassin)")
    MISSION_LOCALE = ("mission_locale", "Mission Locale")
    MGI = ("mgi", "MGI")
    SCHOOL = ("school", "Établissement scolaire")
    PJJ = ("pjj", "PJJ")
    YOUTH_WELCOME_POINT = ("youth_welcome_point", "Point d'accueil jeunes")
    PRIVATE_SCHOOL = ("private_school", "Établissement privé")
    EDUCATIONAL_WATCH = ("educational_watch", "Cellule de veille éducative")
    FAMILY = ("family", "Famille")
    SELF = ("self", "Le jeune lui-même")
    DROPOUT_LIST = ("dropout_list", "Liste de repérage (SIEI, plateforme de suivi)")


class IntakeState(LabelledEnum):
    PLANNED = ("planned", "Planifié")
    STAGE_1 = ("stage_1", "Étape 1 : analyse partagée")
    STAGE_2 = ("stage_2", "Étape 2 : propositions")
    VALIDATED = ("validated", "Validé")
    CANCELLED = ("cancelled", "Annulé")
    NO_SHOW = ("no_show", "Jeune absent")


class AnalysisSection(LabelledEnum):
    SCHOOLING = ("schooling", "Scolarité et sortie du système scolaire")
    BASIC_SKILLS = ("basic_skills", "Compétences de base")
    PROFESSIONAL_PROJECT = ("professional_project", "Projet professionnel")
    FAMILY = ("family", "Famille")
    HOUSING = ("housing", "Logement")
    HEALTH = ("health", "Santé")
    MOBILITY = ("mobility", "Mobilité")
    RESOURCES = ("resources", "Ressources")
    JUSTICE = ("justice", "Justice")
    BARRIERS = ("barriers", "Freins")
    STRENGTHS = ("strengths", "Points d'appui")


# Sections folded away in read-only views and never printed on the youth's passport.
SENSITIVE_SECTIONS = frozenset({AnalysisSection.FAMILY, AnalysisSection.HEALTH, AnalysisSection.JUSTICE})


class Barrier(LabelledEnum):
    NO_PROJECT = ("no_project", "Pas de projet professionnel")
    BASIC_SKILLS = ("basic_skills", "Difficultés avec les savoirs de base")
    LANGUAGE = ("language", "Maîtrise du français")
    MOBILITY = ("mobility", "Pas de moyen de transport")
    HOUSING = ("housing", "Logement instable")
    HEALTH = ("health", "Problème de santé")
    RESOURCES = ("resources", "Pas de ressources")
    FAMILY = ("family", "Difficultés familiales")
    JUSTICE = ("justice", "Situation judiciaire")
    SELF_CONFIDENCE = ("self_confidence", "Manque de confiance en soi")
    ADMINISTRATIVE = ("administrative", "Démarches administratives incomplètes")


class OfferCategory(LabelledEnum):
    RETURN_TO_SCHOOL = ("return_to_school", "Retour en formation initiale")
    MGI_MODULE = ("mgi_module", "Modules MGI / DALI")
    APPRENTICESHIP = ("apprenticeship", "Apprentissage")
    VOCATIONAL_TRAINING = ("vocational_training", "Formation professionnelle")
    CIVIC_SERVICE = ("civic_service", "Service civique")
    JOB_SEARCH = ("job_search", "Recherche d'emploi et immersion en entreprise")
    GUIDANCE = ("guidance", "Orientation et bilan")
    BASIC_SKILLS = ("basic_skills", "Compétences de base")
    HEALTH = ("health", "Santé")
    HOUSING = ("housing", "Logement")
    MOBILITY = ("mobility", "Mobilité")
    CITIZENSHIP = ("citizenship", "Citoyenneté et accès aux droits")


class YouthAnswer(LabelledEnum):
    ACCEPTED = ("accepted", "Accepte")
    REFUSED = ("refused", "Refuse")
    THINKING = ("thinking", "Réfléchit")


class SolutionStatus(LabelledEnum):
    PROPOSED = ("proposed", "Proposée")
    STARTED = ("started", "Commencée")
    COMPLETED = ("completed", "Terminée")
    ABANDONED = ("abandoned", "Abandonnée")


class ConsentKind(LabelledEnum):
    YOUTH = ("youth", "Accord du jeune")
    GUARDIAN = ("guardian", "Accord du représentant légal")


class ParticipantKind(LabelledEnum):
    COUNSELLOR = ("counsellor", "Conseiller")
    YOUTH = ("youth", "Jeune")
    FAMILY = ("family", "Membre de la famille")


class FollowUpKind(LabelledEnum):
    INTERVIEW = ("interview", "Entretien")
    CALL = ("call", "Appel téléphonique")
    MESSAGE = ("message", "Message")
    HOME_VISIT = ("home_visit", "Visite à domicile")
    ABSENCE = ("absence", "Absence au rendez-vous")
    PARTNER_MOBILISATION = ("partner_mobilisation", "Mobilisation d'un partenaire")


# Follow-up kinds that count as a contact with the youth (an absence is not one).
CONTACT_KINDS = frozenset({FollowUpKind.INTERVIEW, FollowUpKind.CALL, FollowUpKind.MESSAGE, FollowUpKind.HOME_VISIT})


class OutcomeMilestone(LabelledEnum):
    MONTH_3 = ("m3", "À 3 mois")
    MONTH_6 = ("m6", "À 6 mois")
    MONTH_12 = ("m12", "À 12 mois")
    EXIT = ("exit", "À la sortie")


MILESTONE_MONTHS: dict[OutcomeMilestone, int] = {
    OutcomeMilestone.MONTH_3: 3,
    OutcomeMilestone.MONTH_6: 6,
    OutcomeMilestone.MONTH_12: 12,
}


class OutcomeSituation(LabelledEnum):
    SCHOOL = ("school", "Retour en formation initiale")
    APPRENTICESHIP = ("apprenticeship", "Apprentissage")
    TRAINING = ("training", "Formation professionnelle")
    JOB = ("job", "Emploi")
    CIVIC_SERVICE = ("civic_service", "Service civique")
    ML_FOLLOW_UP = ("ml_follow_up", "Suivi Mission Locale")
    NO_SOLUTION = ("no_solution", "Sans solution")
    LOST_CONTACT = ("lost_contact", "Perdu de vue")
    MOVED = ("moved", "A déménagé")


class YouthStatus(LabelledEnum):
    REFERRED = ("referred", "Repéré")
    IN_INTAKE = ("in_intake", "Accueil en cours")
    FOLLOWED = ("followed", "Suivi par un référent")
    EXITED = ("exited", "Sorti du dispositif")


class EvaluationArm(LabelledEnum):
    PROGRAMME = ("programme", "Dispositif")
    CONTROL = ("control", "Groupe témoin")


class Sex(LabelledEnum):
    FEMALE = ("f", "Femme")
    MALE = ("m", "Homme")
