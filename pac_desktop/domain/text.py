"""Text normalisation for search and duplicate detection ("Léa-Marie D'ARC" finds "lea marie d arc")."""

from __future__ import annotations

import re
import unicodedata

# Ligatures NFKD leaves alone but that people type either way ("Cœur" / "Coeur").
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})

# Spaces, hyphens, apostrophes and punctuation of every kind separate words ("Jean-Luc", "D’Arc", "N'Diaye",
# "Table;Drop"): letters and digits of any script are kept, everything else is one space.
_SEPARATORS = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Lowercase, accentless, single-spaced text: the key we compare names and search terms with."""
    if text.isascii():
        # ASCII has no compatibility forms, accents or ligatures and casefolds as it lowercases: the same key, at
        # a fraction of the cost (every youth a sync applies gets its keys computed).
        return _SEPARATORS.sub(" ", text.lower()).strip()
    # NFKD both sides of casefold: compatibility forms ("𝐀") decompose to capitals, and casefold can
    # produce letters with accents ("İ" → "i̇"); the result is then stable under a second normalise().
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    bare = bare.translate(_LIGATURES)
    return _SEPARATORS.sub(" ", bare).strip()
