"""Text normalisation for search and duplicate detection ("Léa-Marie D'ARC" finds "lea marie d arc")."""

from __future__ import annotations

import re
import unicodedata

# Ligatures NFKD leaves alone but that people type either way ("Cœur" / "Coeur").
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})

# Hyphens, dashes and apostrophes of every kind separate words in names ("Jean-Luc", "D’Arc", "N'Diaye").
_SEPARATORS = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014\u2212'\u2019\u2018\u02bc`´\s]+")


def normalise(text: str) -> str:
    """Lowercase, accentless, single-spaced text: the key we compare names and search terms with."""
    # NFKD both sides of casefold: compatibility forms ("𝐀") decompose to capitals, and casefold can
    # produce letters with accents ("İ" → "i̇"); the result is then stable under a second normalise().
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    bare = bare.translate(_LIGATURES)
    return _SEPARATORS.sub(" ", bare).strip()
