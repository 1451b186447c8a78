"""The Qt binding itself: what the application cannot live without, whatever its release."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_a_qt_call_that_returns_nothing_keeps_none_alive(qapp) -> None:
    """PySide6-Essentials 6.12.0 took a reference from None at every call of a method returning nothing. On Python
    3.11, whose None is not immortal, the application then aborted (« Fatal Python error: none_dealloc: deallocating
    None ») once such calls outnumbered None's references: ~58,000 in the application 2 s after the youth list
    (found at stop 27; pyproject.toml keeps that release out). On Python 3.12 and later None is immortal and its
    count does not move."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(5_000):
        label.setText("x")
        label.setVisible(False)
    assert sys.getrefcount(None) > before - 1_000


def test_the_self_test_names_the_binding_and_fails_on_one_that_spends_none(qapp, monkeypatch) -> None:
    """`pac-desktop --self-test` (run on every bundle by installer/build.sh) checks the same: a bundle built with
    such a release fails its self-test, in French, naming the release."""
    import PySide6
    import pytest

    from pac_desktop.domain.errors import DomainError
    from pac_desktop.gui import selftest

    assert selftest.check_qt_binding(None, None) == f"PySide6 {PySide6.__version__}"
    counts = iter([60_000, 60_000 - 2 * selftest.BINDING_CALLS])  # what 6.12.0 did: one reference a call
    monkeypatch.setattr(selftest.sys, "getrefcount", lambda _obj: next(counts))
    with pytest.raises(DomainError, match=f"PySide6 {PySide6.__version__} perd une référence interne"):
        selftest.check_qt_binding(None, None)
