"""Finding a youth by name or town: one condition for the list search and the duplicate finder (issue 11).

The keys (``first_name_key``, ``last_name_key``, ``town_key``) hold ``domain.text.normalise`` of their source:
lowercase, accentless, every run of spaces, apostrophes, hyphens and punctuation one space ("O'Connor-Dupont"
→ "o connor dupont"). A typed word finds a key when it starts one of the key's first ``WORD_POSITIONS`` words
("dupont", "khai"), or starts the key written without its spaces ("oconnor", "ndiaye").

Each of those is an expression index (migrations 0003 and 0009). SQLite uses an expression index only for the
very same expression tree, so the migrations write their DDL from :func:`word_at_sql` and :func:`joined_sql`
and the queries from :func:`word_at` and :func:`joined`, which build the same trees (literals, not parameters).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Boolean, ColumnElement, and_, func, literal_column, or_
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from .models import Youth

#: Words of a key a search reaches from an index: "Nguyễn Thị Minh Khai" has four.
WORD_POSITIONS = 4
# Above every character a key can hold: 'lea' <= key < 'lea' + HIGH is "key starts with 'lea'".
HIGH = "\U0010ffff"

#: The name :func:`any_key_matches` has in SQL (storage.store registers it on each connection).
KEY_MATCH_FUNCTION = "pac_key_match"

NAME_KEYS = ("first_name_key", "last_name_key")
ALL_KEYS = (*NAME_KEYS, "town_key")


def word_at_sql(column: str, position: int) -> str:
    """The key from its ``position``-th word on (1: the key itself), as SQL text for an index."""
    expr = column
    for _ in range(position - 1):
        expr = f"substr({expr}, instr({expr}, ' ') + 1)"
    return expr


def joined_sql(column: str) -> str:
    return f"replace({column}, ' ', '')"


def _short(column: str) -> str:
    return column.removesuffix("_key")


#: The expression indexes of every word position from the third on and of the joined key (migration 0009);
#: the second words' are migration 0003's ``ix_youth_<column>_word2``.
SEARCH_INDEXES: dict[str, str] = {
    **{
        f"ix_youth_{_short(c)}_word{n}": word_at_sql(c, n)
        for c in ALL_KEYS
        for n in range(3, WORD_POSITIONS + 1)
    },
    **{f"ix_youth_{_short(c)}_joined": joined_sql(c) for c in ALL_KEYS},
}


def word_at(column: ColumnElement[str], position: int) -> ColumnElement[str]:
    expr = column
    for _ in range(position - 1):
        expr = func.substr(expr, func.instr(expr, literal_column("' '")) + literal_column("1"))
    return expr


def joined(column: ColumnElement[str]) -> ColumnElement[str]:
    return func.replace(column, literal_column("' '"), literal_column("''"))


def starts_with(expr: ColumnElement[str], prefix: str) -> ColumnElement[bool]:
    return and_(expr >= prefix, expr < prefix + HIGH)


def unindexed(column: ColumnElement) -> ColumnElement:
    """``+column``: the same value, but an expression no index matches (SQLite's way to say "do not use an index
    for this term"). Unary plus, not ``column || ''``: it keeps an id stored as bytes (CompactId) as it is, and
    the column's type, so a compared value is bound as the column binds it."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


def key_condition(word: str, *, keys: Sequence[str] = ALL_KEYS, indexed: bool = True) -> ColumnElement[bool]:
    """One of the keys has a word starting with ``word`` (a normalised word, maybe "n diaye"), or starts with it
    once spaces are dropped on both sides.

    ``indexed=False``: the same test that no index answers, as one call of ``pac_key_match`` (:func:`key_matches`
    on each key, registered on every connection of the local store). Tested on the rows another condition found,
    it is ~4× cheaper than SQLite's fifteen ranges (« le c » over 100,000 youths: 163 → 45 ms)."""
    columns = [getattr(Youth, k) for k in keys]
    if not indexed:
        return getattr(func, KEY_MATCH_FUNCTION)(word, *columns, type_=Boolean)
    compact = word.replace(" ", "")
    return or_(
        *(starts_with(word_at(c, n), word) for c in columns for n in range(1, WORD_POSITIONS + 1)),
        *(starts_with(joined(c), compact) for c in columns),
    )


def key_matches(word: str, key: str) -> bool:
    """:func:`key_condition` for one key already in memory: the very same test, for code that matches many
    names against rows it loaded once (a dropout list's import, pac_desktop.services.reperage.importing).

    The key from each of its first ``WORD_POSITIONS`` words on starts with ``word`` (SQLite's ``substr`` from
    after the next space; a key with fewer words gives its last word again), or the key without its spaces
    starts with the word without its spaces."""
    rest = key
    for _ in range(WORD_POSITIONS):
        if rest.startswith(word):
            return True
        rest = rest[rest.find(" ") + 1 :]  # no space left: find gives -1, the rest stays as it is (as instr's 0)
    return key.replace(" ", "").startswith(word.replace(" ", ""))


def any_key_matches(word: str, *keys: str | None) -> bool:
    """The SQL function ``pac_key_match(word, key, …)``: :func:`key_matches` on any of the keys."""
    return any(key is not None and key_matches(word, key) for key in keys)


def key_entries(key: str) -> set[str]:
    """The texts a word is tested against by :func:`key_matches`, for an index sorted by text: a space-free
    ``word`` matches ``key`` exactly when one of these starts with it."""
    entries = {key.replace(" ", "")}
    rest = key
    for _ in range(WORD_POSITIONS):
        entries.add(rest)
        rest = rest[rest.find(" ") + 1 :]
    return entries
