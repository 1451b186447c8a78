"""Constants and helpers shared by the GUI tests and their fixtures (tests/gui/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

COUNSELLOR_LOGIN = "mdupont"
COUNSELLOR_PASSWORD = "mot-de-passe-fictif"


def save_shot(widget, name: str) -> Path | None:
    """Save ``widget`` as ``name`` (a .png file name) in the folder PAC_SCREENSHOTS names, for a look; nothing
    when it is not set. A test never writes into the repository: the README's screenshots are made by
    ``python docs/make_screenshots.py``."""
    folder = os.environ.get("PAC_SCREENSHOTS")
    if not folder:
        return None
    target = Path(folder) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(target))
    return target
