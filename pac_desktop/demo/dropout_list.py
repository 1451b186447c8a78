"""A fictitious dropout list, as the SIEI or a local platform exports it (issue 18): for the tests and the bench.

Every person is obviously fictitious: last names start with « Test », e-mails end in @exemple.fr, phone numbers
are in the demo's 06 39 98 range, INEs start with 000. The list has what real ones have: accents, empty cells,
the same youth twice, lines with an impossible date, youths already known to the programme (with their name
written another way), and it can be written in the Windows-1252 of older spreadsheet exports or as XLSX.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from . import names

HEADERS = ("INE", "Nom", "Prénom", "Date de naissance", "Sexe", "Adresse", "Code postal", "Commune", "Téléphone",
           "Courriel", "Établissement d'origine", "Dernière classe", "Date de sortie")
BAD_DATES = ("31/02/2008", "2008-13-01", "00/00/0000", "hier", "12/03/1890")


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    birth_date: date
    ine: str | None = None


def fictitious_people(n: int, *, seed: int = 18, start: int = 0) -> list[Person]:
    """``n`` distinct fictitious youths: no two share a birth date with the same first or last name (so the
    duplicate finder cannot take one for the other)."""
    rng = random.Random(seed)
    people: list[Person] = []
    used: set[tuple[str, date]] = set()
    first_names = names.FEMALE_FIRST_NAMES + names.MALE_FIRST_NAMES
    while len(people) < n:
        first = rng.choice(first_names)
        last = "Test" + rng.choice(names.LAST_NAMES).lower().replace(" ", "")
        born = date(2006, 1, 1) + timedelta(days=rng.randrange(4 * 365))
        if (first, born) in used or (last, born) in used:
            continue
        used.update({(first, born), (last, born)})
        ine = f"000{start + len(people):07d}{chr(65 + rng.randrange(26))}" if rng.random() < 0.6 else None
        people.append(Person(first, last, born, ine))
    return people


def list_rows(people: list[Person], *, seed: int = 18, empty_share: float = 0.15) -> list[dict[str, str]]:
    """One line per person, with the contact details a list carries (some cells left empty)."""
    rng = random.Random(seed)
    towns = names.TOWNS["tarbes"] + names.TOWNS["ariege"]
    rows = []
    for person in people:
        town, postcode, _weight, _qpv = rng.choice(towns)
        row = {
            "INE": person.ine or "",
            "Nom": person.last_name.upper() if rng.random() < 0.3 else person.last_name,
            "Prénom": person.first_name,
            "Date de naissance": person.birth_date.strftime("%d/%m/%Y"),
            "Sexe": rng.choice(("F", "M")),
            "Adresse": f"{rng.randint(1, 90)} {rng.choice(names.STREETS)}",
            "Code postal": postcode,
            "Commune": town,
            "Téléphone": f"06 39 98 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}",
            "Courriel": f"{person.first_name.lower()}.{person.last_name.lower()}@exemple.fr".replace(" ", ""),
            "Établissement d'origine": rng.choice(("Lycée fictif Jean-Test", "Collège fictif des Tests",
                                                   "Lycée professionnel fictif de l'Adour")),
            "Dernière classe": rng.choice(names.LAST_CLASSES),
            "Date de sortie": (date(2025, 9, 1) + timedelta(days=rng.randrange(150))).strftime("%d/%m/%Y"),
        }
        for key in ("Adresse", "Téléphone", "Courriel", "Sexe", "Dernière classe", "Date de sortie", "Commune",
                    "Code postal"):
            if rng.random() < empty_share:
                row[key] = ""
        if not person.ine and rng.random() < 0.5:
            row["Courriel"] = row["Courriel"].replace("é", "e").replace("è", "e")
        rows.append(row)
    return rows


def with_bad_dates(rows: list[dict[str, str]], count: int, *, seed: int = 18) -> list[int]:
    """Spoil the birth date of ``count`` lines; their indexes."""
    rng = random.Random(seed)
    spoilt = sorted(rng.sample(range(len(rows)), count))
    for index in spoilt:
        rows[index]["Date de naissance"] = BAD_DATES[index % len(BAD_DATES)]
    return spoilt


def write_csv(path: Path, rows: list[dict[str, str]], *, encoding: str = "utf-8", delimiter: str = ";") -> Path:
    with Path(path).open("w", encoding=encoding, newline="", errors="replace") as out:
        writer = csv.DictWriter(out, fieldnames=HEADERS, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return Path(path)


def write_xlsx(path: Path, rows: list[dict[str, str]], *, headers: tuple[str, ...] = HEADERS) -> Path:
    """The same lines in a workbook (``headers``: the names of its columns, in the order of :data:`HEADERS`); birth
    dates as real date cells, as a spreadsheet keeps them."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Liste")
    sheet.append(list(headers))
    for row in rows:
        cells = []
        for key in HEADERS:
            value: object = row.get(key, "")
            if key == "Date de naissance":
                try:
                    day, month, year = (int(x) for x in str(value).split("/"))
                    value = date(year, month, day)
                except ValueError:
                    pass
            cells.append(value if value != "" else None)
        sheet.append(cells)
    workbook.save(path)
    return Path(path)
