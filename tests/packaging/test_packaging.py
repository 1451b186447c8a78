"""What an installed package needs: every Python package listed, ui/ and resources/ shipped inside it."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_python_package_is_listed_for_the_wheel():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "pac_desktop").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"


def test_ui_and_resources_travel_with_the_package():
    setuptools = _pyproject()["tool"]["setuptools"]
    assert setuptools["package-dir"] == {"pac_desktop.resources": "resources", "pac_desktop.ui": "ui"}
    assert {"pac_desktop.resources", "pac_desktop.ui"} <= set(setuptools["packages"])
