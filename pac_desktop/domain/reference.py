"""The programme's reference data (territories, organisations, pooled offers), read from JSON and checked.

Reference data is data, not code: an administrator adds a territory or an offer by editing the files under
``resources/reference/`` (or the server's copy), never through a release. So every rule a file must follow is
checked here, and each problem is reported in French, naming the file and the entry, so that the person who
edited it can fix it without reading Python.

Every device and the server derive the same primary key for a reference entry with :func:`stable_id`, so the
seeded rows of two laptops and of the server are the same rows for sync.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from pac_desktop.domain.enums import (
    ROLE_ORG_KINDS,
    IntakeRole,
    OfferCategory,
    OrgKind,
    PartnerKind,
    TerritoryKind,
)
from pac_desktop.domain.errors import DomainError
from pac_desktop.paths import resource_path

__all__ = [
    "ENTITY_OFFER",
    "ENTITY_ORGANISATION",
    "ENTITY_TERRITORY",
    "JOB_TITLES_FILE",
    "OFFERS_FILE",
    "ORGANISATIONS_FILE",
    "REFERENCE_NAMESPACE",
    "TERRITORIES_FILE",
    "JobTitleSpec",
    "OfferSpec",
    "OrganisationSpec",
    "ReferenceData",
    "ReferenceDataError",
    "TerritorySpec",
    "load_reference_data",
    "stable_id",
]

TERRITORIES_FILE = "territories.json"
ORGANISATIONS_FILE = "organisations.json"
OFFERS_FILE = "offers.json"
#: The names of the intake team's roles (PsyEN, MLDS…), for every territory or one (issue 18 §7).
JOB_TITLES_FILE = "job_titles.json"

# Never change this value: every primary key of reference data, on every device and the server, derives from it.
REFERENCE_NAMESPACE = uuid.UUID("4da13e45-58b0-42f8-bd81-3f8a737e98df")

# The ``kind`` argument of stable_id() for each reference entity.
ENTITY_TERRITORY = "territory"
ENTITY_ORGANISATION = "organisation"
ENTITY_OFFER = "offer"

# Past this many problems the message gets unreadable; the full list stays on ReferenceDataError.problems.
_MAX_PROBLEMS_SHOWN = 20

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DEPARTMENT = re.compile(r"\d{2}|2A|2B|97\d")
_POSTCODE = re.compile(r"\d{5}")
_PHONE = re.compile(r"0[1-9](?: \d{2}){4}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_MAX_AGE = 99


def stable_id(kind: str, code: str) -> str:
    """The primary key (a UUID string) of a reference entry, the same on every device and on the server.

    ``kind`` is the entity (``ENTITY_ORGANISATION``...), so an offer and an organisation that share a code
    still get different keys.
    """
    if not kind or "/" in kind:
        raise ValueError(f"invalid reference kind: {kind!r}")
    if not code:
        raise ValueError("a reference code cannot be empty")
    return str(uuid.uuid5(REFERENCE_NAMESPACE, f"{kind}/{code}"))


class ReferenceDataError(DomainError):
    """The reference files break a rule. ``problems`` lists each one, in French, naming its file and entry."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__(_summarise(self.problems))


def _summarise(problems: tuple[str, ...]) -> str:
    if len(problems) == 1:
        return f"Les données de référence ne peuvent pas être chargées. {problems[0]}"
    shown = "\n".join(f"- {p}" for p in problems[:_MAX_PROBLEMS_SHOWN])
    rest = len(problems) - _MAX_PROBLEMS_SHOWN
    more = f"\n… et {rest} autre(s) problème(s)." if rest > 0 else ""
    return f"Les données de référence ne peuvent pas être chargées ({len(problems)} problèmes) :\n{shown}{more}"


@dataclass(frozen=True, slots=True)
class TerritorySpec:
    """One territory of the experiment and the roles its joint-intake team must hold."""

    code: str
    name: str
    kind: TerritoryKind
    priority_area: bool
    department: str
    required_roles: tuple[IntakeRole, ...]

    @property
    def id(self) -> str:
        return stable_id(ENTITY_TERRITORY, self.code)


@dataclass(frozen=True, slots=True)
class OrganisationSpec:
    """A CIO, MGI service, DALI, Mission Locale or antenna, chamber, school or partner.

    ``territory`` None means the organisation serves several territories (the academy's MGI, the DALI for
    newly arrived youths, the two Toulouse-area Missions Locales whose antennas cover both Toulouse territories).
    """

    code: str
    territory: str | None
    kind: OrgKind
    partner_kind: PartnerKind | None
    name: str
    short_name: str
    address: str
    postcode: str
    town: str
    phone: str
    email: str
    parent: str | None

    @property
    def id(self) -> str:
        return stable_id(ENTITY_ORGANISATION, self.code)


@dataclass(frozen=True, slots=True)
class OfferSpec:
    """One entry of the partners' pooled catalogue. ``territory`` None means it is open in every territory."""

    code: str
    title: str
    description: str
    category: OfferCategory
    provider: str | None
    territory: str | None
    min_age: int
    max_age: int | None
    newly_arrived_only: bool

    @property
    def id(self) -> str:
        return stable_id(ENTITY_OFFER, self.code)


@dataclass(frozen=True, slots=True)
class JobTitleSpec:
    """The name a role of the intake team bears on screen and in print: for every territory (``territory`` None)
    or for one, which then overrides the general name there (issue 18 §7)."""

    role: IntakeRole
    territory: str | None
    title: str


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """The reference files, validated together."""

    territories: tuple[TerritorySpec, ...]
    organisations: tuple[OrganisationSpec, ...]
    offers: tuple[OfferSpec, ...]
    job_titles: tuple[JobTitleSpec, ...] = ()

    def job_title(self, role: IntakeRole, territory: str) -> str:
        """The role's name in this territory: its own, else the general one, else the programme's default."""
        own = next((j.title for j in self.job_titles if j.role is role and j.territory == territory), None)
        general = next((j.title for j in self.job_titles if j.role is role and j.territory is None), None)
        return own or general or role.label

    def territory(self, code: str) -> TerritorySpec:
        """The territory with this code; KeyError if there is none."""
        return _find(self.territories, code)

    def organisation(self, code: str) -> OrganisationSpec:
        """The organisation with this code; KeyError if there is none."""
        return _find(self.organisations, code)

    def offer(self, code: str) -> OfferSpec:
        """The offer with this code; KeyError if there is none."""
        return _find(self.offers, code)

    def offers_for(self, territory: str) -> tuple[OfferSpec, ...]:
        """The offers open in a territory: its own and those open everywhere."""
        return tuple(o for o in self.offers if o.territory in (None, territory))

    def staffing_organisations(self, *, territory: str, role: IntakeRole) -> tuple[OrganisationSpec, ...]:
        """The territory's own organisations whose staff may hold ``role`` at its joint intakes.

        Only organisations attached to the territory count: the intake team is local by design, and a
        region-wide service (the academy's MGI) does not prove that anybody is there to sit at the table.
        """
        kinds = ROLE_ORG_KINDS.get(role, frozenset())
        return tuple(o for o in self.organisations if o.territory == territory and o.kind in kinds)


_Spec = TypeVar("_Spec", TerritorySpec, OrganisationSpec, OfferSpec)


def _find(specs: tuple[_Spec, ...], code: str) -> _Spec:
    for spec in specs:
        if spec.code == code:
            return spec
    raise KeyError(code)


def load_reference_data(directory: Path | None = None) -> ReferenceData:
    """Read and check ``territories.json``, ``organisations.json`` and ``offers.json``.

    ``directory`` defaults to the shipped ``resources/reference``. Raises ReferenceDataError listing every
    problem found; nothing is returned unless all three files are valid together.
    """
    folder = directory if directory is not None else resource_path("reference")
    problems: list[str] = []
    # Each file is checked on its own first, so one broken file does not hide the others' problems...
    territories = _load_file(folder, TERRITORIES_FILE, _read_territory, problems)
    organisations = _load_file(folder, ORGANISATIONS_FILE, _read_organisation, problems)
    offers = _load_file(folder, OFFERS_FILE, _read_offer, problems)
    job_titles = _load_job_titles(folder, problems)
    if problems:
        # ...but links between files are checked only once each file is sound: an entry rejected above
        # would otherwise show up again as a dozen "unknown code" problems.
        raise ReferenceDataError(problems)
    data = ReferenceData(territories=territories, organisations=organisations, offers=offers, job_titles=job_titles)
    problems.extend(_check_links(data))
    codes = {t.code for t in territories}
    problems.extend(f"{JOB_TITLES_FILE} : le territoire « {j.territory} » (rôle « {j.role.value} ») n'existe pas "
                    f"dans {TERRITORIES_FILE}." for j in job_titles if j.territory and j.territory not in codes)
    if problems:
        raise ReferenceDataError(problems)
    return data


# --- One file ---------------------------------------------------------------------------------------------


def _load_job_titles(folder: Path, problems: list[str]) -> tuple[JobTitleSpec, ...]:
    """The roles' names; the file is optional (without it, the programme's default names are used)."""
    if not (folder / JOB_TITLES_FILE).is_file():
        return ()
    raw = _read_json(folder, JOB_TITLES_FILE, problems)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(f"{JOB_TITLES_FILE} : le fichier doit contenir une liste d'entrées entre crochets [ ].")
        return ()
    specs: list[JobTitleSpec] = []
    seen: set[tuple[IntakeRole, str | None]] = set()
    for index, item in enumerate(raw):
        entry = _Entry(file_name=JOB_TITLES_FILE, index=index, raw=item, problems=problems)
        if not entry.is_object:
            continue
        entry.expect_fields(("role", "territory", "title"))
        role = entry.choice("role", IntakeRole)
        territory = entry.reference("territory")
        title = entry.text("title")
        if not entry.ok or role is None:
            continue
        if (role, territory) in seen:
            entry.problem(f"le rôle « {role.value} » a déjà un nom" + (f" pour « {territory} »." if territory
                                                                          else " pour tous les territoires."))
            continue
        seen.add((role, territory))
        specs.append(JobTitleSpec(role=role, territory=territory, title=title))
    return tuple(specs)


def _load_file(
    folder: Path,
    file_name: str,
    read_entry: Callable[[_Entry], _Spec | None],
    problems: list[str],
) -> tuple[_Spec, ...]:
    raw = _read_json(folder, file_name, problems)
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(f"{file_name} : le fichier doit contenir une liste d'entrées entre crochets [ ].")
        return ()
    specs: list[_Spec] = []
    first_index: dict[str, int] = {}
    for index, item in enumerate(raw):
        entry = _Entry(file_name=file_name, index=index, raw=item, problems=problems)
        spec = read_entry(entry) if entry.is_object else None
        if spec is None:
            continue
        if spec.code in first_index:
            entry.problem(
                f"le code « {spec.code} » est déjà utilisé par l'entrée n° {first_index[spec.code] + 1} ; "
                "chaque code doit être unique dans le fichier."
            )
            continue
        first_index[spec.code] = index
        specs.append(spec)
    return tuple(specs)


def _read_json(folder: Path, file_name: str, problems: list[str]) -> Any | None:
    path = folder / file_name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(f"{file_name} : le fichier est introuvable dans le dossier « {folder} ».")
        return None
    except UnicodeDecodeError:
        problems.append(f"{file_name} : le fichier doit être enregistré en UTF-8.")
        return None
    except OSError as error:
        problems.append(f"{file_name} : le fichier ne peut pas être lu ({error.strerror or 'erreur de lecture'}).")
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(
            f"{file_name} : le contenu n'est pas du JSON valide (ligne {error.lineno}, colonne {error.colno}) ; "
            "vérifiez les virgules, les guillemets et les crochets."
        )
        return None


_MISSING = object()
_E = TypeVar("_E", bound=Enum)


class _Entry:
    """One JSON object of a file: typed field readers that record a French problem instead of raising."""

    def __init__(self, *, file_name: str, index: int, raw: Any, problems: list[str]) -> None:
        self._raw = raw
        self._problems = problems
        self.ok = True
        code = raw.get("code") if isinstance(raw, dict) else None
        named = f" (« {code} »)" if isinstance(code, str) and code.strip() else ""
        self._where = f"{file_name}, entrée n° {index + 1}{named}"
        self.is_object = isinstance(raw, dict)
        if not self.is_object:
            self.problem("chaque entrée doit être un objet entre accolades { }.")

    def problem(self, text: str) -> None:
        self.ok = False
        self._problems.append(f"{self._where} : {text}")

    def expect_fields(self, fields: Sequence[str]) -> None:
        """Flag unknown fields: a misspelt field name would otherwise be silently ignored."""
        for name in self._raw:
            if name not in fields:
                self.problem(f"le champ « {name} » n'est pas prévu (champs prévus : {', '.join(fields)}).")

    def _get(self, field: str) -> Any:
        if field not in self._raw:
            self.problem(f"le champ « {field} » manque.")
            return _MISSING
        return self._raw[field]

    def text(self, field: str) -> str:
        value = self._get(field)
        if value is _MISSING:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(f"le champ « {field} » doit être un texte non vide.")
            return ""
        return value.strip()

    def matching(self, field: str, pattern: re.Pattern[str], hint: str) -> str:
        value = self.text(field)
        if value and not pattern.fullmatch(value):
            self.problem(f"le champ « {field} » vaut « {value} », ce qui n'est pas {hint}.")
        return value

    def code(self) -> str:
        return self.matching(
            "code", _SLUG, "un code valide (minuscules, chiffres et tirets, par exemple « cio-ariege »)"
        )

    def reference(self, field: str) -> str | None:
        """A code pointing at another entry, or null. Whether it exists is checked once all files are read."""
        value = self._get(field)
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, str) or not _SLUG.fullmatch(value):
            self.problem(f"le champ « {field} » doit être un code (par exemple « cio-ariege ») ou null.")
            return None
        return value

    def boolean(self, field: str) -> bool:
        value = self._get(field)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            self.problem(f"le champ « {field} » doit valoir true ou false.")
            return False
        return value

    def age(self, field: str, *, optional: bool = False) -> int | None:
        value = self._get(field)
        if value is _MISSING:
            return None
        if value is None and optional:
            return None
        # bool is an int in Python: true must not pass for an age of 1.
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_AGE:
            allowed = " ou null" if optional else ""
            self.problem(f"le champ « {field} » doit être un âge en années (nombre entier de 0 à {_MAX_AGE}){allowed}.")
            return None
        return value

    def choice(self, field: str, enum_cls: type[_E], *, optional: bool = False) -> _E | None:
        value = self._get(field)
        if value is _MISSING or (value is None and optional):
            return None
        return self._member(field, value, enum_cls)

    def choices(self, field: str, enum_cls: type[_E]) -> tuple[_E, ...]:
        value = self._get(field)
        if value is _MISSING:
            return ()
        if not isinstance(value, list) or not value:
            self.problem(f"le champ « {field} » doit être une liste non vide entre crochets [ ].")
            return ()
        members: list[_E] = []
        for item in value:
            member = self._member(field, item, enum_cls)
            if member is None:
                continue
            if member in members:
                self.problem(f"le champ « {field} » contient « {member.value} » deux fois.")
                continue
            members.append(member)
        return tuple(members)

    def _member(self, field: str, value: Any, enum_cls: type[_E]) -> _E | None:
        allowed = ", ".join(str(m.value) for m in enum_cls)
        if isinstance(value, str):
            try:
                return enum_cls(value)
            except ValueError:
                pass
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        self.problem(
            f"le champ « {field} » vaut « {shown} », qui n'est pas une valeur connue (valeurs possibles : {allowed})."
        )
        return None


_TERRITORY_FIELDS = ("code", "name", "kind", "priority_area", "department", "required_roles")
_ORGANISATION_FIELDS = (
    *("code", "territory", "kind", "partner_kind", "name", "short_name"),
    *("address", "postcode", "town", "phone", "email", "parent"),
)
_OFFER_FIELDS = (
    *("code", "title", "description", "category", "provider", "territory"),
    *("min_age", "max_age", "newly_arrived_only"),
)


def _read_territory(entry: _Entry) -> TerritorySpec | None:
    entry.expect_fields(_TERRITORY_FIELDS)
    code = entry.code()
    name = entry.text("name")
    kind = entry.choice("kind", TerritoryKind)
    priority_area = entry.boolean("priority_area")
    department = entry.matching("department", _DEPARTMENT, "un numéro de département (par exemple « 09 » ou « 31 »)")
    required_roles = entry.choices("required_roles", IntakeRole)
    if not entry.ok or kind is None:
        return None
    return TerritorySpec(
        code=code,
        name=name,
        kind=kind,
        priority_area=priority_area,
        department=department,
        required_roles=required_roles,
    )


def _read_organisation(entry: _Entry) -> OrganisationSpec | None:
    entry.expect_fields(_ORGANISATION_FIELDS)
    code = entry.code()
    territory = entry.reference("territory")
    kind = entry.choice("kind", OrgKind)
    partner_kind = entry.choice("partner_kind", PartnerKind, optional=True)
    name = entry.text("name")
    short_name = entry.text("short_name")
    address = entry.text("address")
    postcode = entry.matching("postcode", _POSTCODE, "un code postal à cinq chiffres")
    town = entry.text("town")
    phone = entry.matching("phone", _PHONE, "un numéro écrit comme « 05 61 00 00 00 »")
    email = entry.matching("email", _EMAIL, "une adresse électronique")
    parent = entry.reference("parent")
    # The partner's kind says how it refers youths (PJJ, point d'accueil jeunes...); other kinds have none.
    if partner_kind is not None and kind is not None and kind is not OrgKind.PARTNER:
        entry.problem("le champ « partner_kind » ne s'emploie que pour un organisme de type « partner » ; mettez null.")
    if not entry.ok or kind is None:
        return None
    return OrganisationSpec(
        code=code,
        territory=territory,
        kind=kind,
        partner_kind=partner_kind,
        name=name,
        short_name=short_name,
        address=address,
        postcode=postcode,
        town=town,
        phone=phone,
        email=email,
        parent=parent,
    )


def _read_offer(entry: _Entry) -> OfferSpec | None:
    entry.expect_fields(_OFFER_FIELDS)
    code = entry.code()
    title = entry.text("title")
    description = entry.text("description")
    category = entry.choice("category", OfferCategory)
    provider = entry.reference("provider")
    territory = entry.reference("territory")
    min_age = entry.age("min_age")
    max_age = entry.age("max_age", optional=True)
    newly_arrived_only = entry.boolean("newly_arrived_only")
    if min_age is not None and max_age is not None and max_age < min_age:
        entry.problem(f"l'âge maximum ({max_age} ans) est inférieur à l'âge minimum ({min_age} ans).")
    if not entry.ok or category is None or min_age is None:
        return None
    return OfferSpec(
        code=code,
        title=title,
        description=description,
        category=category,
        provider=provider,
        territory=territory,
        min_age=min_age,
        max_age=max_age,
        newly_arrived_only=newly_arrived_only,
    )


# --- Links between entries and files ----------------------------------------------------------------------


def _check_links(data: ReferenceData) -> list[str]:
    problems: list[str] = []
    territory_codes = {t.code for t in data.territories}
    orgs = {o.code: o for o in data.organisations}

    for org in data.organisations:
        where = f"{ORGANISATIONS_FILE}, organisme « {org.code} »"
        if org.territory is not None and org.territory not in territory_codes:
            problems.append(f"{where} : le territoire « {org.territory} » n'existe pas dans {TERRITORIES_FILE}.")
        if org.parent is None:
            continue
        parent = orgs.get(org.parent)
        if parent is None:
            problems.append(f"{where} : l'organisme de rattachement « {org.parent} » n'existe pas.")
            continue
        if parent.code == org.code:
            problems.append(f"{where} : un organisme ne peut pas être rattaché à lui-même.")
            continue
        if org.kind is OrgKind.ML_ANTENNA and parent.kind is not OrgKind.MISSION_LOCALE:
            problems.append(
                f"{where} : une antenne doit être rattachée à une Mission Locale, "
                f"or « {parent.code} » est de type « {parent.kind.value} »."
            )
        if parent.territory is not None and parent.territory != org.territory:
            problems.append(
                f"{where} : l'organisme de rattachement « {parent.code} » dépend d'un autre territoire "
                f"(« {parent.territory} »)."
            )
    problems.extend(_parent_cycles(orgs))

    for offer in data.offers:
        where = f"{OFFERS_FILE}, offre « {offer.code} »"
        if offer.territory is not None and offer.territory not in territory_codes:
            problems.append(f"{where} : le territoire « {offer.territory} » n'existe pas dans {TERRITORIES_FILE}.")
        if offer.provider is None:
            continue
        provider = orgs.get(offer.provider)
        if provider is None:
            problems.append(f"{where} : l'organisme « {offer.provider} » n'existe pas dans {ORGANISATIONS_FILE}.")
        elif provider.territory is not None and provider.territory != offer.territory:
            # An organisation of one territory cannot run an offer elsewhere (or everywhere).
            problems.append(
                f"{where} : l'organisme « {provider.code} » dépend du territoire « {provider.territory} », "
                f"l'offre doit donc porter ce même territoire."
            )

    for territory in data.territories:
        for role in territory.required_roles:
            if data.staffing_organisations(territory=territory.code, role=role):
                continue
            kinds = " ou ".join(f"« {k.value} »" for k in OrgKind if k in ROLE_ORG_KINDS.get(role, frozenset()))
            needed = f" (il faut un organisme de type {kinds} dans {ORGANISATIONS_FILE})" if kinds else ""
            problems.append(
                f"{TERRITORIES_FILE}, territoire « {territory.code} » : aucun organisme du territoire ne peut "
                f"tenir le rôle « {role.label} » à l'accueil commun{needed}."
            )
    return problems


def _parent_cycles(orgs: dict[str, OrganisationSpec]) -> list[str]:
    """One problem per loop of ``parent`` links (A → B → A), reported once, on its first member in file order."""
    problems: list[str] = []
    reported: set[str] = set()
    for start in orgs:
        chain: list[str] = []
        code: str | None = start
        while code is not None and code in orgs and code not in chain:
            chain.append(code)
            code = orgs[code].parent
        if code is None or code not in chain:
            continue  # the chain ends at the top, or at a missing parent (reported by the caller)
        loop = chain[chain.index(code) :]
        if len(loop) == 1 or reported.intersection(loop):
            continue  # a self-parent is reported by the caller; a longer loop once only
        reported.update(loop)
        path = " → ".join(loop + [code])
        problems.append(f"{ORGANISATIONS_FILE}, organisme « {loop[0]} » : les rattachements tournent en rond ({path}).")
    return problems
