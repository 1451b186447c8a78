"""Import of the lists of youths to contact (issue 18): the dropout lists of the SIEI and the local platforms.

A CSV (UTF-8 or the Windows-1252 of older spreadsheet exports; ``;``, ``,`` or tab) or an XLSX file. Its French
column names are recognised (:data:`ALIASES`); the user corrects the mapping, which is kept on this computer as
a profile for the next import. The preview checks every line with the youth's field rules
(pac_desktop.domain.youth_fields) and matches it with the youths already known: by INE first, then with the
duplicate finder (a strong match on the same birth date is the same youth). The import then, in ONE unit of
work: creates the new youths (« repéré », with a referral « liste de repérage »), enriches the known ones (empty
fields only: nothing typed by a counsellor is overwritten) and records an audit event with the counts only.
A line in error stops the whole import unless the user chose to leave the lines in error out: nothing is ever
half-imported. Importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pac_desktop.domain.audit import AuditAction
from pac_desktop.domain.enums import ReferralSource, Sex, YouthStatus
from pac_desktop.domain.errors import DomainError, NotFound
from pac_desktop.domain.french import format_date, plural
from pac_desktop.domain.reperage import clean_ine
from pac_desktop.domain.text import normalise
from pac_desktop.domain.youth_fields import clean_youth_field
from pac_desktop.security.roles import Action
from pac_desktop.storage.base import new_id
from pac_desktop.storage.models import LocalSetting, Referral, Territory, Youth
from pac_desktop.storage.outbox import LocalSession
from pac_desktop.storage.youth_search import key_entries

from ..access import AccessGuard, territory_choices
from ..audit import record_in
from ..context import Actor, ServiceContext
from ..youth_matching import (
    STRONG_SCORE,
    DateRelation,
    MatchScore,
    name_tokens,
    near_birth_dates,
    score_match,
)

PROFILE_KEY = "reperage.import_profile"
MAX_LINES = 50_000
MAX_BYTES = 20 * 1024 * 1024


class Target(StrEnum):
    """What a column of the file fills."""

    LAST_NAME = "last_name"
    FIRST_NAME = "first_name"
    BIRTH_DATE = "birth_date"
    INE = "ine"
    SEX = "sex"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    POSTCODE = "postcode"
    TOWN = "town"
    LAST_CLASS = "last_class"
    LEFT_SCHOOL_ON = "left_school_on"
    SCHOOL = "school"


TARGET_LABELS: dict[Target, str] = {
    Target.LAST_NAME: "Nom", Target.FIRST_NAME: "Prénom", Target.BIRTH_DATE: "Date de naissance",
    Target.INE: "INE", Target.SEX: "Sexe", Target.PHONE: "Téléphone", Target.EMAIL: "Courriel",
    Target.ADDRESS: "Adresse", Target.POSTCODE: "Code postal", Target.TOWN: "Commune",
    Target.LAST_CLASS: "Dernière classe suivie", Target.LEFT_SCHOOL_ON: "Date de sortie du système scolaire",
    Target.SCHOOL: "Établissement d'origine",
}
REQUIRED = (Target.LAST_NAME, Target.FIRST_NAME, Target.BIRTH_DATE)

#: The column names the lists use (normalised: no accents, lower case), for each target.
ALIASES: dict[Target, tuple[str, ...]] = {
    Target.LAST_NAME: ("nom", "nom de famille", "nom eleve", "nom du jeune", "nom d usage", "nom usage"),
    Target.FIRST_NAME: ("prenom", "prenom eleve", "prenom du jeune", "prenoms", "premier prenom"),
    Target.BIRTH_DATE: ("date de naissance", "date naissance", "ne le", "ne e le", "nee le", "naissance",
                        "date de naiss", "ddn"),
    Target.INE: ("ine", "numero ine", "n ine", "no ine", "identifiant national eleve", "identifiant ine"),
    Target.SEX: ("sexe", "genre"),
    Target.PHONE: ("telephone", "tel", "portable", "telephone portable", "tel portable", "numero de telephone",
                   "mobile"),
    Target.EMAIL: ("courriel", "mail", "email", "e mail", "adresse mail", "adresse electronique", "mel"),
    Target.ADDRESS: ("adresse", "adresse postale", "rue"),
    Target.POSTCODE: ("code postal", "cp", "code postal domicile"),
    Target.TOWN: ("commune", "ville", "localite", "commune de residence", "commune domicile"),
    Target.LAST_CLASS: ("derniere classe", "derniere classe suivie", "classe", "formation", "division",
                        "niveau", "derniere formation"),
    Target.LEFT_SCHOOL_ON: ("date de sortie", "date sortie", "date de decrochage", "sortie le",
                            "date de sortie du systeme scolaire", "date fin de scolarite"),
    Target.SCHOOL: ("etablissement", "etablissement d origine", "etablissement origine", "lycee", "college",
                    "uai", "etablissement de sortie"),
}
_SEX = {"f": "f", "femme": "f", "feminin": "f", "fille": "f", "2": "f", "m": "m", "h": "m", "homme": "m",
        "masculin": "m", "garcon": "m", "1": "m"}


def header_key(name: str) -> str:
    return " ".join(normalise(name).replace("°", " ").split())


def guess_mapping(headers: Iterable[str]) -> dict[str, Target | None]:
    """header → target, from the French names the lists use (each target once, the first column wins)."""
    by_alias = {alias: target for target, aliases in ALIASES.items() for alias in aliases}
    mapping: dict[str, Target | None] = {}
    taken: set[Target] = set()
    for header in headers:
        target = by_alias.get(header_key(header))
        if target is not None and target not in taken:
            mapping[header] = target
            taken.add(target)
        else:
            mapping[header] = None
    return mapping


def layout_problem(mapping: dict[str, Target | None]) -> str | None:
    """A kind French message when the columns needed are not all recognised (None when they are)."""
    found = {Target(t) for t in mapping.values() if t is not None}
    missing = [TARGET_LABELS[t] for t in REQUIRED if t not in found]
    if not missing:
        return None
    if not found:
        return ("Aucune colonne de ce fichier n'a été reconnue. La première ligne doit porter les titres des "
                "colonnes (Nom, Prénom, Date de naissance…) : si la liste commence par un titre ou une ligne vide, "
                "supprimez-les dans le tableur. Sinon, indiquez ce que contient chaque colonne.")
    return ("Indiquez quelle colonne donne : " + ", ".join(f"« {m} »" for m in missing)
            + " (ces informations sont nécessaires pour reconnaître chaque jeune).")


# --------------------------------------------------------------------------------------------------
# Reading the file
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    #: Each line as its cells (text, a date or None), with its number in the file (the header is line 1).
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    #: What the reader noticed (the encoding it fell back to…), in French.
    notes: tuple[str, ...] = ()


def locked_by_another_program(path: Path) -> bool:
    """Whether a spreadsheet program has the file open: Excel leaves « ~$name » beside it, LibreOffice
    « .~lock.name# »."""
    path = Path(path)
    return any((path.parent / name).exists() for name in (f"~${path.name}", f"~${path.name[2:]}",
                                                          f".~lock.{path.name}#"))


def read_table(path: Path) -> Table:
    """The file's header and lines. DomainError in French when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"Le fichier « {path.name} » est introuvable.")
    if path.stat().st_size > MAX_BYTES:
        raise DomainError(f"Le fichier « {path.name} » dépasse {MAX_BYTES // (1024 * 1024)} Mo : découpez-le.")
    if path.stat().st_size == 0:
        raise DomainError(f"Le fichier « {path.name} » est vide : aucune ligne à importer. Vérifiez que c'est bien "
                          "la liste attendue et qu'elle a été enregistrée.")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DomainError("Les fichiers .xls (Excel 97-2003) ne sont pas lus : enregistrez-le en .xlsx ou en CSV.")
    try:
        table = _read_xlsx(path) if suffix in (".xlsx", ".xlsm") else _read_csv(path.read_bytes())
    except PermissionError:
        raise DomainError(
            f"Le fichier « {path.name} » ne peut pas être lu : il est sans doute ouvert dans un autre programme "
            "(Excel, LibreOffice…). Fermez-le dans ce programme, puis choisissez-le à nouveau.") from None
    except OSError:
        raise DomainError(f"Le fichier « {path.name} » ne peut pas être lu (disque ou clé USB retiré ?). "
                          "Copiez-le sur cet ordinateur, puis choisissez-le à nouveau.") from None
    if not table.rows:
        raise DomainError(f"Le fichier « {path.name} » ne contient que la ligne des titres : aucun jeune à importer.")
    if locked_by_another_program(path):
        table = Table(table.headers, table.rows, (*table.notes, (
            "Ce fichier est ouvert dans un autre programme : c'est sa dernière version enregistrée qui est lue. "
            "Si vous l'avez modifié, enregistrez-le là-bas, puis choisissez-le à nouveau.")))
    return table


def _read_csv(data: bytes) -> Table:
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's « Texte Unicode » (UTF-16, tab-separated)
        text = data.decode("utf-16")
    elif b"\x00" in data[:4096] or data.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise DomainError("Ce fichier n'est pas une liste en texte (CSV) : c'est sans doute un classeur, un PDF ou "
                          "un document renommé. Ouvrez-le dans votre tableur et enregistrez-le en CSV "
                          "(séparateur point-virgule) ou en classeur Excel (.xlsx).")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            notes.append("Le fichier n'est pas en UTF-8 : il a été lu en Windows-1252 (export d'un ancien "
                          "tableur). Vérifiez les accents dans l'aperçu.")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise DomainError("Le fichier est vide : aucune ligne à importer.") from None
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append((number, tuple(cells)))
        if len(rows) > MAX_LINES:
            raise DomainError(f"Le fichier compte plus de {MAX_LINES} lignes : découpez-le.")
    return Table(tuple(h.strip() for h in headers), tuple(rows), tuple(notes))


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise DomainError(f"Le fichier « {path.name} » n'est pas un classeur Excel lisible.") from error
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        headers = next(lines, None)
        if headers is None:
            raise DomainError("La première feuille du classeur est vide : mettez la liste sur la première "
                              "feuille, les titres des colonnes sur la première ligne.")
        rows = []
        for number, cells in enumerate(lines, start=2):
            if not any(c not in (None, "") for c in cells):
                continue
            rows.append((number, tuple(cells)))
            if len(rows) > MAX_LINES:
                raise DomainError(f"Le fichier compte plus de {MAX_LINES} lignes : découpez-le.")
    finally:
        workbook.close()
    return Table(tuple("" if h is None else str(h).strip() for h in headers), tuple(rows))


# --------------------------------------------------------------------------------------------------
# Checking the lines and matching them
# --------------------------------------------------------------------------------------------------


class LineStatus(StrEnum):
    NEW = "new"
    ENRICH = "enrich"
    UNCHANGED = "unchanged"
    POSSIBLE_DUPLICATE = "possible_duplicate"
    ERROR = "error"


STATUS_LABELS = {
    LineStatus.NEW: "Nouveau jeune", LineStatus.ENRICH: "Déjà connu : fiche complétée",
    LineStatus.UNCHANGED: "Déjà connu : rien de nouveau", LineStatus.POSSIBLE_DUPLICATE: "Doublon possible : à vérifier",
    LineStatus.ERROR: "Erreur",
}


@dataclass(frozen=True)
class PreviewLine:
    line: int
    status: LineStatus
    name: str
    birth_date: date | None
    #: What is wrong (errors), or which youth it matches and what it adds.
    messages: tuple[str, ...] = ()
    youth_id: str | None = None
    #: The earlier line of the same file that is the same youth (the youth is not doubled).
    repeat_of: int | None = None


@dataclass(frozen=True)
class ImportReport:
    file_name: str
    territory_name: str
    mapping: dict[str, Target | None]
    lines: tuple[PreviewLine, ...]
    notes: tuple[str, ...] = ()
    done: bool = False
    territory_id: str = ""

    def count(self, status: LineStatus) -> int:
        return sum(1 for line in self.lines if line.status is status)

    @property
    def repeated(self) -> int:
        """Lines that repeat a youth an earlier line of the same file already gave."""
        return sum(1 for line in self.lines if line.repeat_of is not None)

    @property
    def errors(self) -> tuple[PreviewLine, ...]:
        return tuple(line for line in self.lines if line.status is LineStatus.ERROR)

    def summary(self) -> str:
        n = len(self.lines)
        parts = [
            plural(self.count(LineStatus.NEW), "nouveau jeune", "nouveaux jeunes"),
            plural(self.count(LineStatus.ENRICH), "fiche complétée", "fiches complétées"),
            plural(self.count(LineStatus.UNCHANGED), "déjà connu sans changement", "déjà connus sans changement"),
            plural(self.count(LineStatus.POSSIBLE_DUPLICATE), "doublon possible", "doublons possibles"),
            plural(self.count(LineStatus.ERROR), "ligne en erreur", "lignes en erreur"),
        ]
        if self.repeated:
            parts.append(f"dont {plural(self.repeated, 'jeune en double', 'jeunes en double')} dans le fichier")
        head = f"{plural(n, 'ligne', 'lignes')} : " if not self.done else f"Import terminé, {plural(n, 'ligne', 'lignes')} : "
        return head + ", ".join(parts) + "."


_ENRICHED = (Target.PHONE, Target.EMAIL, Target.ADDRESS, Target.POSTCODE, Target.TOWN, Target.LAST_CLASS,
             Target.LEFT_SCHOOL_ON, Target.INE, Target.SEX)


def _cell_text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _clean_line(cells: tuple[Any, ...], columns: dict[Target, int], today: date) -> tuple[dict[str, Any], list[str]]:
    values: dict[str, Any] = {}
    errors: list[str] = []
    for target, index in columns.items():
        raw = _cell_text(cells[index]) if index < len(cells) else None
        try:
            if target is Target.INE:
                values["ine"] = clean_ine(raw if raw is None else str(raw))
            elif target is Target.SCHOOL:
                values["school"] = str(raw)[:200] if raw is not None else None
            elif target is Target.SEX:
                key = header_key(str(raw)) if raw is not None else ""
                if key and key not in _SEX:
                    raise DomainError(f"Sexe : « {raw} » n'est pas reconnu (F ou M).")
                values["sex"] = Sex(_SEX[key]) if key else None
            elif target is Target.PHONE and isinstance(raw, int | str) and str(raw).isdigit() and len(str(raw)) == 9:
                values["phone"] = clean_youth_field("phone", "0" + str(raw), today=today)  # a number lost its 0
            elif target is Target.POSTCODE and isinstance(raw, int | str) and str(raw).isdigit() and len(str(raw)) == 4:
                values["postcode"] = clean_youth_field("postcode", "0" + str(raw), today=today)  # Excel drops the 0
            else:
                values[target.value] = clean_youth_field(target.value, raw if raw is None or isinstance(raw, date)
                                                         else str(raw), today=today)
        except (DomainError, ValueError) as error:
            errors.append(str(error))
    for target in (Target.FIRST_NAME, Target.LAST_NAME, Target.TOWN):
        text = values.get(target.value)
        if isinstance(text, str) and ("?" in text or "\ufffd" in text):
            errors.append(f"{TARGET_LABELS[target]} : une lettre est illisible (« ? ») : le fichier l'a perdue à "
                          "l'enregistrement. Corrigez-la dans le fichier, ou enregistrez-le en UTF-8.")
    return values, errors


def _columns(mapping: dict[str, Target | None], headers: tuple[str, ...]) -> dict[Target, int]:
    columns: dict[Target, int] = {}
    for index, header in enumerate(headers):
        target = mapping.get(header)
        if target is not None:
            target = Target(target)
            if target in columns:
                raise DomainError(f"Deux colonnes remplissent « {TARGET_LABELS[target]} » : gardez-en une seule.")
            columns[target] = index
    missing = [TARGET_LABELS[t] for t in REQUIRED if t not in columns]
    if missing:
        raise DomainError("Indiquez quelle colonne donne : " + ", ".join(f"« {m} »" for m in missing) + ".")
    return columns


_LOADED = ("id", "first_name", "last_name", "first_name_key", "last_name_key", "birth_date",
           *(t.value for t in _ENRICHED))


class _Known:
    """The youths this computer knows, for the duplicate finder's rule (pac_desktop.services.intake.youth,
    ``_find_candidates``) applied to every line of a list: the same INE; everyone born that very day; born on a
    near day (:func:`near_birth_dates`) with a name word in common — the list search's word test
    (:func:`~pac_desktop.storage.youth_search.key_condition`), here :func:`key_matches` over an index sorted by
    text (:func:`key_entries`); scored by :func:`score_match`. Only the finder's strong candidates matter to
    an import, and its third lookup (the same words at any birth date) never gives one.

    Loaded once per import (one query), so 20,000 lines match in seconds; the lines of the file join the index
    as they are accepted, so the same youth twice in a file is one youth."""

    def __init__(self, session: LocalSession) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self._by_ine: dict[str, str] = {}
        self._by_date: dict[date, list[str]] = {}
        #: Per birth date, (text, youth id) sorted: the youths whose name key has a text starting with a word.
        self._texts: dict[date, list[tuple[str, str]]] = {}
        columns = [getattr(Youth, c) for c in _LOADED]
        for row in session.execute(select(*columns).where(Youth.deleted_at.is_(None))):
            self.add(dict(zip(_LOADED, row, strict=True)), keep_sorted=False)
        for texts in self._texts.values():
            texts.sort()

    def add(self, row: dict[str, Any], *, keep_sorted: bool = True) -> None:
        youth_id = row["id"]
        self.rows[youth_id] = row
        if row.get("ine"):
            self._by_ine[row["ine"]] = youth_id
        born = row["birth_date"]
        self._by_date.setdefault(born, []).append(youth_id)
        texts = self._texts.setdefault(born, [])
        for text in key_entries(row["first_name_key"]) | key_entries(row["last_name_key"]):
            if keep_sorted:
                insort(texts, (text, youth_id))
            else:
                texts.append((text, youth_id))

    def _sharing_a_word(self, born: date, words: list[str]) -> set[str]:
        """The youths born that day whose first or last name key matches one of the (space-free) words, as
        ``key_condition`` would find them."""
        found: set[str] = set()
        texts = self._texts.get(born)
        if not texts:
            return found
        for word in words:
            at = bisect_left(texts, (word,))
            while at < len(texts) and texts[at][0].startswith(word):
                found.add(texts[at][1])
                at += 1
        return found

    def remember_ine(self, ine: str, youth_id: str) -> None:
        self._by_ine.setdefault(ine, youth_id)

    def strong_candidates(self, name: str, born: date) -> list[tuple[str, MatchScore]]:
        """The duplicate finder's strong candidates for this name and birth date, in a set order (the same file
        gives the same report): only they matter to an import, so the others are not scored to the end."""
        ids = set(self._by_date.get(born, ()))
        words = name_tokens(name)  # normalised, without spaces
        for near in near_birth_dates(born):
            ids |= self._sharing_a_word(near, words)
        key = normalise(name)
        found = []
        for youth_id in sorted(ids):
            row = self.rows[youth_id]
            match = score_match(typed_name=name, typed_birth_date=born, first_name=row["first_name"],
                                last_name=row["last_name"], birth_date=row["birth_date"], typed_key=key,
                                first_key=row["first_name_key"], last_key=row["last_name_key"],
                                at_least=STRONG_SCORE)
            if match is not None:
                found.append((youth_id, match))
        return found

    def find(self, values: dict[str, Any]) -> tuple[str | None, bool]:
        """(youth id, sure): sure is False for a likely duplicate a person should check."""
        ine = values.get("ine")
        if ine and ine in self._by_ine:
            return self._by_ine[ine], True
        best: tuple[str, MatchScore] | None = None
        for youth_id, match in self.strong_candidates(f"{values['first_name']} {values['last_name']}",
                                                      values["birth_date"]):
            if best is None or match.score > best[1].score:
                best = (youth_id, match)
        if best is None:
            return None, True
        youth_id, match = best
        other_ine = ine and self.rows[youth_id].get("ine") not in (None, ine)
        return youth_id, bool(match.date_relation is DateRelation.EXACT and match.score >= 90 and not other_ine)


#: A progress callback: (lines checked, lines in the file).
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 250


def _plan(session: LocalSession, table: Table, columns: dict[Target, int], today: date, *, apply: bool,
          territory_id: str, file_name: str, contact_staff_id: str | None, progress: Progress | None = None,
          cancel: threading.Event | None = None) -> list[PreviewLine]:
    known = _Known(session)
    lines: list[PreviewLine] = []
    new_rows: list[Youth] = []
    referrals: list[Referral] = []
    first_line_of: dict[str, int] = {}  # youth id → the first line of this file that gave them
    created: dict[str, Youth] = {}  # the new youths, enriched in place by their later lines
    enriched: dict[str, dict[str, Any]] = {}  # youths of the store → what the file adds to them
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows):
        if done % PROGRESS_EVERY == 0:
            if cancel is not None and cancel.is_set():
                raise ImportCancelled()
            if progress is not None:
                progress(done, total)
        values, errors = _clean_line(cells, columns, today)
        name = " ".join(str(values.get(k) or "") for k in ("first_name", "last_name")).strip()
        if not name:
            name = " ".join(str(_cell_text(cells[columns[t]]) or "") for t in (Target.FIRST_NAME, Target.LAST_NAME)
                            if columns[t] < len(cells)).strip()
        if errors:
            lines.append(PreviewLine(number, LineStatus.ERROR, name, values.get("birth_date"), tuple(errors)))
            continue
        youth_id, sure = known.find(values)
        if youth_id is not None and not sure:
            row = known.rows[youth_id]
            lines.append(PreviewLine(number, LineStatus.POSSIBLE_DUPLICATE, name, values["birth_date"], (
                f"Ressemble à {row['first_name']} {row['last_name']}, né(e) le {format_date(row['birth_date'])} : "
                "vérifiez, puis saisissez la ligne à la main si c'est une autre personne.",), youth_id))
            continue
        if youth_id is None:
            new_youth_id = new_id()
            known.add({**{c: values.get(c) for c in _LOADED}, "id": new_youth_id,
                       "first_name_key": normalise(values["first_name"]),
                       "last_name_key": normalise(values["last_name"])})
            if apply:
                youth = _youth_row(new_youth_id, values, territory_id)
                youth.contact_staff_id = contact_staff_id
                new_rows.append(youth)
                created[youth.id] = youth
                referrals.append(Referral(
                    case_id=youth.id, youth_id=youth.id, source=ReferralSource.DROPOUT_LIST, referred_on=today,
                    referrer_structure=values.get("school"), notes=f"Importé de la liste « {file_name} », ligne {number}.",
                ))
            lines.append(PreviewLine(number, LineStatus.NEW, name, values["birth_date"], (), new_youth_id))
            first_line_of[new_youth_id] = number
            continue
        row = known.rows[youth_id]
        repeat_of = first_line_of.setdefault(youth_id, number)
        repeat_of = repeat_of if repeat_of != number else None
        again = (f"Même jeune que la ligne {repeat_of} du fichier : une seule fiche.",) if repeat_of else ()
        added = [t for t in _ENRICHED if values.get(t.value) not in (None, "") and row.get(t.value) in (None, "")]
        for target in added:  # the later lines of the same youth see what this one adds
            row[target.value] = values[target.value]
        if added and apply:
            changes = {target.value: values[target.value] for target in added}
            if youth_id in created:
                for attr, value in changes.items():
                    setattr(created[youth_id], attr, value)
            else:  # a youth of the store: loaded with the others after the loop (not one query per line)
                enriched.setdefault(youth_id, {}).update(changes)
        if values.get("ine"):
            known.remember_ine(values["ine"], youth_id)
        if not added:
            lines.append(PreviewLine(number, LineStatus.UNCHANGED, name, values["birth_date"], again or (
                f"Déjà connu : {row['first_name']} {row['last_name']}.",), youth_id, repeat_of))
        else:
            lines.append(PreviewLine(number, LineStatus.ENRICH, name, values["birth_date"], (*again, (
                f"Déjà connu : {row['first_name']} {row['last_name']} ; ajoute "
                + ", ".join(TARGET_LABELS[t].lower() for t in added) + "."),), youth_id, repeat_of))
    if progress is not None:
        progress(total, total)
    if cancel is not None and cancel.is_set():
        raise ImportCancelled()
    if apply:
        ids = list(enriched)
        with session.no_autoflush:
            for start in range(0, len(ids), 500):
                for stored in session.scalars(select(Youth).where(Youth.id.in_(ids[start:start + 500]))):
                    for attr, value in enriched[stored.id].items():
                        setattr(stored, attr, value)
        session.add_all(new_rows)
        session.flush()  # the youths first: their referrals point to them
        session.add_all(referrals)
        session.flush()
    return lines


def _youth_row(youth_id: str, values: dict[str, Any], territory_id: str) -> Youth:
    return Youth(
        id=youth_id, case_id=youth_id, territory_id=territory_id, status=YouthStatus.REFERRED,
        **{k: v for k, v in values.items() if k != "school" and v is not None},
    )


class ImportService:
    """Preview and run the import of a list of youths to contact, and keep the column mapping as a profile."""

    def __init__(self, ctx: ServiceContext, guard: AccessGuard | None = None) -> None:
        self._ctx = ctx
        self._guard = guard

    def _require(self, by: Actor | None, territory_id: str) -> None:
        if self._guard is not None:
            self._guard.require(by, Action.INTAKE_EDIT, territory_id=territory_id, entity="youth")

    # -- the mapping ---------------------------------------------------------------------------------------------

    def saved_profile(self) -> dict[str, Target]:
        with self._ctx.read() as session:
            raw = session.scalar(select(LocalSetting.value).where(LocalSetting.key == PROFILE_KEY))
        try:
            return {k: Target(v) for k, v in json.loads(raw or "{}").items()}
        except (ValueError, TypeError):
            return {}

    def mapping_for(self, headers: Iterable[str]) -> dict[str, Target | None]:
        """The mapping proposed for these columns: the saved profile first, then the recognised French names."""
        headers = list(headers)
        profile = self.saved_profile()
        guessed = guess_mapping(headers)
        mapping: dict[str, Target | None] = {}
        for header in headers:
            key = header_key(header)
            mapping[header] = profile[key] if key in profile else guessed[header]
        return mapping

    def save_profile(self, mapping: dict[str, Target | None]) -> None:
        profile = self.saved_profile()
        for header, target in mapping.items():
            if target is not None:
                profile[header_key(header)] = Target(target)
        with self._ctx.write() as session:
            row = session.get(LocalSetting, PROFILE_KEY)
            value = json.dumps({k: v.value for k, v in sorted(profile.items())})
            if row is None:
                session.add(LocalSetting(key=PROFILE_KEY, value=value))
            else:
                row.value = value

    # -- preview and import --------------------------------------------------------------------------------------

    def read(self, path: Path) -> Table:
        return read_table(Path(path))

    def territories(self, *, by: Actor) -> list[tuple[str, str]]:
        """(id, name) of the territories ``by`` may import a list into (the GUI's choice)."""
        return territory_choices(self._ctx, self._guard, by, Action.INTAKE_EDIT)

    def preview(self, *, path: Path, territory_id: str, by: Actor,
                mapping: dict[str, Target | None] | None = None, table: Table | None = None,
                progress: Progress | None = None, cancel: threading.Event | None = None) -> ImportReport:
        """What the import would do, line by line; writes nothing (a read-only unit of work: it never waits for,
        nor holds up, a write)."""
        return self._run(path=Path(path), territory_id=territory_id, by=by, mapping=mapping, table=table,
                         apply=False, progress=progress, cancel=cancel)

    def run(self, *, path: Path, territory_id: str, by: Actor, mapping: dict[str, Target | None] | None = None,
            skip_errors: bool = False, contact_staff_id: str | None = None, table: Table | None = None,
            progress: Progress | None = None, cancel: threading.Event | None = None) -> ImportReport:
        """Import the file in one unit of work. Lines in error stop it (nothing imported) unless ``skip_errors``.

        ``progress(done, total)`` is told as the lines are checked; once ``cancel`` is set the import stops with
        :class:`ImportCancelled` and nothing is written — unless it was already committed, in which case the
        report comes back as usual (the cancel came too late)."""
        return self._run(path=Path(path), territory_id=territory_id, by=by, mapping=mapping, table=table,
                         apply=True, skip_errors=skip_errors, contact_staff_id=contact_staff_id, progress=progress,
                         cancel=cancel)

    def _run(self, *, path: Path, territory_id: str, by: Actor, mapping: dict[str, Target | None] | None,
             table: Table | None, apply: bool, skip_errors: bool = False, contact_staff_id: str | None = None,
             progress: Progress | None = None, cancel: threading.Event | None = None) -> ImportReport:
        self._require(by, territory_id)
        table = table or read_table(path)
        mapping = dict(mapping) if mapping is not None else self.mapping_for(table.headers)
        columns = _columns(mapping, table.headers)
        today = self._ctx.today()
        unit = self._ctx.write(by) if apply else self._ctx.read()
        with unit as session:
            territory = session.get(Territory, territory_id)
            if territory is None or territory.deleted_at is not None:
                raise NotFound("Ce territoire n'existe pas dans cette base : choisissez-en un autre.")
            lines = _plan(session, table, columns, today, apply=apply, territory_id=territory_id,
                          file_name=path.name, contact_staff_id=contact_staff_id, progress=progress, cancel=cancel)
            report = ImportReport(path.name, territory.name, mapping, tuple(lines), table.notes, done=apply,
                                  territory_id=territory_id)
            if not apply:
                return report
            if report.errors and not skip_errors:
                raise ImportRefused(report)
            record_in(session, action=AuditAction.IMPORT, by=by, entity="youth", territory_id=territory_id,
                      detail=_audit_detail(report))
        self.save_profile(mapping)
        return report

    # -- the report ----------------------------------------------------------------------------------------------

    def save_report_csv(self, *, report: ImportReport, path: Path, by: Actor) -> int:
        """The report line by line as CSV (semicolons, UTF-8 with BOM, for a spreadsheet): the lines to correct in
        the file and what became of the others. Audited (counts only). Returns the number of lines written."""
        from ..documents.base import write_in_place  # not at start-up: the documents are built on first use

        self._require(by, report.territory_id)

        def write(out: Path) -> int:
            with open(out, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                writer.writerow(REPORT_HEADER)
                writer.writerows(report_rows(report))
            return len(report.lines)

        def audit(rows: int) -> None:
            with self._ctx.write(by) as session:
                record_in(session, action=AuditAction.EXPORT, by=by, entity="youth",
                          territory_id=report.territory_id,
                          detail=json.dumps({"document": "rapport d'import de liste de repérage", "rows": rows}))

        try:
            return write_in_place(Path(path), write, audit)
        except PermissionError:
            raise DomainError(f"« {Path(path).name} » ne peut pas être écrit : il est sans doute ouvert dans un "
                              "autre programme, ou ce dossier est protégé. Fermez-le ou choisissez un autre "
                              "dossier.") from None
        except OSError:
            raise DomainError(f"« {Path(path).name} » ne peut pas être écrit dans ce dossier : choisissez-en un "
                              "autre.") from None


REPORT_HEADER = ["Ligne du fichier", "Résultat", "Jeune", "Date de naissance", "Détail"]


def report_rows(report: ImportReport) -> list[list[str]]:
    return [[str(line.line), STATUS_LABELS[line.status], line.name,
             format_date(line.birth_date) if line.birth_date else "", " ".join(line.messages)]
            for line in report.lines]


class ImportCancelled(DomainError):
    """The user stopped the import before it was written: nothing was imported."""

    def __init__(self) -> None:
        super().__init__("Import annulé : rien n'a été importé.")


class ImportRefused(DomainError):
    """Lines in error: nothing was imported. ``report`` lists them."""

    def __init__(self, report: ImportReport) -> None:
        n = len(report.errors)
        first = report.errors[0]
        super().__init__(
            f"{plural(n, 'ligne est', 'lignes sont')} en erreur (la première : ligne {first.line}, "
            f"{first.messages[0]}) : rien n'a été importé. Corrigez le fichier, ou importez en laissant de côté les "
            "lignes en erreur."
        )
        self.report = report


def _audit_detail(report: ImportReport) -> str:
    """Counts only: no name, no file content."""
    return (f"liste de repérage importée : {len(report.lines)} lignes, {report.count(LineStatus.NEW)} nouveaux, "
            f"{report.count(LineStatus.ENRICH)} complétés, {report.count(LineStatus.UNCHANGED)} inchangés, "
            f"{report.count(LineStatus.POSSIBLE_DUPLICATE)} doublons possibles, "
            f"{report.count(LineStatus.ERROR)} en erreur")


__all__ = ["ALIASES", "ImportCancelled", "ImportRefused", "ImportReport", "ImportService", "LineStatus", "PreviewLine", "Table",
           "Target", "TARGET_LABELS", "guess_mapping", "layout_problem", "read_table"]
