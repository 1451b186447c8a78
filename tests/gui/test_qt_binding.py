"""The Qt binding itself: what the application cannot live without, whatever its release."""

from __future__ import annotations

import PySide6
import pytest

from pac_desktop.domain.errors import DomainError
from pac_desktop.gui import selftest


def test_a_qt_call_that_returns_nothing_keeps_none_alive(qapp, monkeypatch) -> None:
    """PySide6-Essentials 6.12.0 took a reference from None at every call of a method returning nothing. On Python
    3.11, whose None is not immortal, the application then aborted (« Fatal Python error: none_dealloc: deallocating
    None ») once such calls outnumbered None's references: ~58,000 in the application 2 s after the youth list
    (found at stop 27; pyproject.toml and the locks keep that release out). The self-test's check (run on every
    bundle by installer/build.sh) makes those calls on this binding: it fails on such a release, and says so in
    French, naming it. On Python 3.12 and later None is immortal and its count does not move."""
    assert selftest.check_qt_binding(None, None) == f"PySide6 {PySide6.__version__}"
    counts = iter([60_000, 60_000 - 2 * selftest.BINDING_CALLS])  # what 6.12.0 did: one reference a call
    monkeypatch.setattr(selftest.sys, "getrefcount", lambda _obj: next(counts))
    with pytest.raises(DomainError, match=f"PySide6 {PySide6.__version__} perd une référence interne"):
        selftest.check_qt_binding(None, None)
