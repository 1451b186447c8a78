"""The compiled Designer forms are committed and up to date (STYLE.md §2)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from pac_desktop.gui import build_forms
from pac_desktop.paths import ui_path

SNAKE_CASE = re.compile(r"[a-z][a-z0-9_]*\Z")


def test_regenerated_forms_match_the_committed_ones(tmp_path: Path):
    written = build_forms.build(ui_path(), tmp_path)
    assert written, "no .ui file found"
    for generated in written:
        committed = build_forms.FORMS_DIR / generated.name
        assert committed.exists(), f"{generated.name} is not committed: run python -m pac_desktop.gui.build_forms"
        assert committed.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), (
            f"{generated.name} is stale: run python -m pac_desktop.gui.build_forms"
        )
    orphans = {p.name for p in build_forms.FORMS_DIR.glob("ui_*.py")} - {p.name for p in written}
    assert orphans == set(), f"generated forms without a .ui file: {sorted(orphans)}"


def test_check_mode_reports_a_stale_form(tmp_path: Path, capsys):
    ui_dir = tmp_path / "ui"
    ui_dir.mkdir()
    source = ui_path("startup_splash.ui")
    (ui_dir / "startup_splash.ui").write_bytes(source.read_bytes())
    forms = tmp_path / "forms"
    assert build_forms.main(["--ui-dir", str(ui_dir), "--forms-dir", str(forms)]) == 0
    assert build_forms.main(["--check", "--ui-dir", str(ui_dir), "--forms-dir", str(forms)]) == 0
    generated = forms / "ui_startup_splash.py"
    assert generated.read_text(encoding="utf-8").startswith(
        "# generated from ui/startup_splash.ui — do not edit, run python -m pac_desktop.gui.build_forms\n"
    )
    generated.write_text(generated.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    assert build_forms.main(["--check", "--ui-dir", str(ui_dir), "--forms-dir", str(forms)]) == 1
    assert "out of date" in capsys.readouterr().err


def test_object_names_are_snake_case():
    for ui_file in build_forms.ui_files(ui_path()):
        root = ET.parse(ui_file).getroot()
        top = root.find("widget")
        assert top is not None
        for element in root.iter():
            if element.tag in {"widget", "layout", "spacer", "action"} and element is not top:
                name = element.get("name", "")
                assert SNAKE_CASE.match(name), f"{ui_file.name}: {name!r} is not snake_case"
