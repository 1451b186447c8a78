"""PySide6's test of each imported module, without the module texts it kept (gui/module_sources.py, issue 16)."""

from __future__ import annotations

import importlib
import json
import linecache
import sys

import PySide6.QtCore  # noqa: F401 - the import hook under test comes with PySide6

import pac_desktop.gui.theme
from pac_desktop.gui.module_sources import spare_module_sources, uses_pyside


def test_modules_imported_after_pyside_are_tested_the_same_without_keeping_their_text(tmp_path, monkeypatch):
    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)  # put back after the test
    its_own = feature._mod_uses_pyside
    (tmp_path / "pac_probe_with_qt.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    (tmp_path / "pac_probe_without.py").write_text("VALUE = 2\n", encoding="utf-8")
    (tmp_path / "pac_probe_later.py").write_text("import PySide6.QtGui\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    probes = [importlib.import_module(name) for name in ("pac_probe_with_qt", "pac_probe_without")]
    for module in (*probes, pac_desktop.gui.theme, json, sys):
        assert uses_pyside(module) == its_own(module), module.__name__
    assert [uses_pyside(m) for m in probes] == [True, False]

    assert spare_module_sources()  # False would mean this PySide6 no longer has the test: the module is moot
    later = __import__("pac_probe_later")  # an import statement: PySide6 hooks __import__
    assert feature.pyside_feature_dict["pac_probe_later"] == 0  # a module that uses PySide6, as PySide6 says
    assert later.__file__ not in linecache.cache
    for name in ("pac_probe_with_qt", "pac_probe_without", "pac_probe_later"):
        sys.modules.pop(name, None)
