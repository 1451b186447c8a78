"""The wire's field table (pac_desktop/sync/field_rules.py) is the local models, written out: this file generates it.

Regenerate after changing a synced model: ``python tests/sync/test_sync_field_rules.py > pac_desktop/sync/field_rules.py``.
"""
from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import Boolean, Date, Enum, Integer, String, Text, inspect

from pac_desktop.storage.base import CompactId, UTCDateTime
from pac_desktop.storage.models import MODELS_BY_ENTITY
from pac_desktop.storage.outbox import data_columns
from pac_desktop.sync.field_rules import FIELDS

HEADER = '''"""THE field table of every synced entity: its fields, their types, lengths, enumerations, and whether they are
required — what the server checks each pushed value against (issue 12) and the client checks each pulled row.

Generated from the local store's models (pac_desktop.storage.models, the one declaration of the schema) by
``tests/sync/test_sync_field_rules.py`` (``python tests/sync/test_sync_field_rules.py > pac_desktop/sync/field_rules.py``);
a test fails when the models and this table disagree. Imports only the domain: the server shares it without the
desktop's store. Do not edit by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

'''


def rule(column) -> str:
    t = column.type
    if isinstance(t, CompactId):  # text to the application and on the wire (16 bytes only in the store)
        t = t.impl_instance
    default = column.default is not None or column.server_default is not None
    opts = []
    if not column.nullable:
        opts.append("null=False")
    if default:
        opts.append("default=True")
    if isinstance(t, Enum) and t.enum_class is not None:
        kind = f"enum({t.enum_class.__module__.rsplit('.', 1)[-1]}.{t.enum_class.__name__}"
        return kind + (", " + ", ".join(opts) if opts else "") + ")"
    if isinstance(t, UTCDateTime):
        kind = "Kind.DATETIME"
    elif isinstance(t, Date):
        kind = "Kind.DATE"
    elif isinstance(t, Boolean):
        kind = "Kind.BOOL"
    elif isinstance(t, Integer):
        kind = "Kind.INT"
    elif isinstance(t, String) and t.length:
        opts.insert(0, f"max_length={t.length}")
        kind = "Kind.TEXT"
    elif isinstance(t, (Text, String)):
        kind = "Kind.TEXT"
    else:
        raise TypeError(f"{column}: {t!r}")
    return f"F({kind}" + (", " + ", ".join(opts) if opts else "") + ")"


def source() -> str:
    modules = set()
    lines = []
    for entity in sorted(MODELS_BY_ENTITY):
        model = MODELS_BY_ENTITY[entity]
        mapper = inspect(model)
        lines.append(f'    "{entity}": {{')
        for key in data_columns(model):
            column = mapper.columns[key]
            if isinstance(column.type, Enum) and column.type.enum_class is not None:
                modules.add(column.type.enum_class.__module__)
            lines.append(f'        "{key}": {rule(column)},')
        lines.append("    },")
    names = ", ".join(sorted(m.rsplit(".", 1)[1] for m in modules))
    imports = f"from pac_desktop.domain import {names}\n"
    return HEADER.replace("from enum import StrEnum\n", "from enum import StrEnum\n\n" + imports) + BODY + "\n".join(lines) + "\n}\n"


BODY = '''
class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    ENUM = "enum"


@dataclass(frozen=True)
class F:
    """One field: its kind, its longest text, its allowed values, and whether it may be null or absent."""

    kind: Kind
    max_length: int | None = None
    #: False: the value may never be null (the column is NOT NULL).
    null: bool = True
    #: True: a create may leave the field out (the column has a default); a NOT NULL field without default is
    #: required on create.
    default: bool = False
    choices: tuple[str, ...] = ()

    @property
    def required(self) -> bool:
        return not self.null and not self.default


def enum(cls: type, *, null: bool = True, default: bool = False) -> F:
    return F(Kind.ENUM, null=null, default=default, choices=tuple(str(m.value) for m in cls))  # type: ignore[attr-defined]


FIELDS: dict[str, dict[str, F]] = {
'''

def test_the_field_table_is_the_models():
    with open(Path(__file__).parents[2] / "pac_desktop" / "sync" / "field_rules.py", encoding="utf-8") as handle:
        assert handle.read() == source(), "regenerate: python tests/sync/test_sync_field_rules.py > pac_desktop/sync/field_rules.py"


def test_every_synced_entity_has_its_fields():
    assert set(FIELDS) == set(MODELS_BY_ENTITY)
    assert FIELDS["youth"]["first_name"].required and FIELDS["youth"]["birth_date"].kind == "date"
    assert FIELDS["audit_event"]["at"].null is False


if __name__ == "__main__":
    sys.stdout.write(source())
