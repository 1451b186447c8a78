"""Compile the Designer files ui/**/*.ui into pac_desktop/gui/forms/ui_<name>.py (STYLE.md §2).

    python -m pac_desktop.gui.build_forms            # regenerate every form
    python -m pac_desktop.gui.build_forms --check    # exit 1 if a committed form is missing, stale or orphaned

The generated modules are committed: the application never loads .ui files at run time. uic's own header
(which names the Qt version) is replaced by ours, so the files only change when a form or uic's output does.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from pac_desktop.paths import ui_path

FORMS_DIR = Path(__file__).resolve().parent / "forms"
GENERATED_PREFIX = "ui_"


class FormBuildError(Exception):
    pass


def header(relative_ui: str) -> str:
    return (
        f"# generated from ui/{relative_ui} — do not edit, run python -m pac_desktop.gui.build_forms\n"
        "# ruff: noqa\n"
    )


def ui_files(ui_dir: Path) -> list[Path]:
    return sorted(ui_dir.rglob("*.ui"))


def module_name(ui_file: Path) -> str:
    return f"{GENERATED_PREFIX}{ui_file.stem}.py"


def uic_command() -> list[str]:
    """Qt's uic from the running interpreter's PySide6, in Python mode (what the pyside6-uic script runs).

    The binary is called directly when it can be found (as PySide6.scripts.pyside_tool does): a Python
    wrapper per form would cost an interpreter start-up each.
    """
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin is not None:
        package = Path(spec.origin).parent
        for binary in (package / "Qt" / "libexec" / "uic", package / "uic.exe", package / "uic"):
            if binary.is_file() and os.access(binary, os.X_OK):
                return [str(binary), "-g", "python"]
    script = Path(sys.executable).with_name("pyside6-uic.exe" if os.name == "nt" else "pyside6-uic")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from PySide6.scripts.pyside_tool import uic; sys.exit(uic())"]


def compile_form(ui_file: Path, ui_dir: Path) -> str:
    """The Python source of one form, with our header instead of uic's."""
    result = subprocess.run(
        [*uic_command(), str(ui_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise FormBuildError(f"uic failed on {ui_file}:\n{result.stderr}")
    lines = result.stdout.replace("\r\n", "\n").split("\n")
    # uic starts with a block of "#" comment lines (tool version, warning): drop it.
    start = 0
    while start < len(lines) and (lines[start].startswith("#") or not lines[start].strip()):
        start += 1
    body = "\n".join(lines[start:]).rstrip("\n") + "\n"
    return header(ui_file.relative_to(ui_dir).as_posix()) + "\n" + body


def build(ui_dir: Path, forms_dir: Path) -> list[Path]:
    """Regenerate every form into ``forms_dir``; returns the files written."""
    forms_dir.mkdir(parents=True, exist_ok=True)
    init = forms_dir / "__init__.py"
    if not init.exists():
        init.write_text('"""Python modules generated from ui/*.ui by pac_desktop.gui.build_forms."""\n', encoding="utf-8")
    written = []
    for name, ui_file in _targets(ui_dir).items():
        target = forms_dir / name
        source = compile_form(ui_file, ui_dir)
        if not target.exists() or target.read_text(encoding="utf-8") != source:
            target.write_bytes(source.encode("utf-8"))
        written.append(target)
    return written


def check(ui_dir: Path, forms_dir: Path) -> list[str]:
    """Problems with the committed forms (empty when they are up to date)."""
    problems = []
    targets = _targets(ui_dir)
    for name, ui_file in targets.items():
        target = forms_dir / name
        if not target.exists():
            problems.append(f"{target.name} is missing (from {ui_file.name})")
        elif target.read_text(encoding="utf-8") != compile_form(ui_file, ui_dir):
            problems.append(f"{target.name} is out of date with {ui_file.name}")
    for existing in sorted(forms_dir.glob(f"{GENERATED_PREFIX}*.py")):
        if existing.name not in targets:
            problems.append(f"{existing.name} has no .ui file any more")
    return problems


def _targets(ui_dir: Path) -> dict[str, Path]:
    targets: dict[str, Path] = {}
    for ui_file in ui_files(ui_dir):
        name = module_name(ui_file)
        if name in targets:
            raise FormBuildError(f"{ui_file} and {targets[name]} would both compile to {name}: rename one")
        targets[name] = ui_file
    return targets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pac_desktop.gui.build_forms", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the committed forms are up to date")
    parser.add_argument("--ui-dir", type=Path, default=ui_path())
    parser.add_argument("--forms-dir", type=Path, default=FORMS_DIR)
    args = parser.parse_args(argv)
    try:
        if args.check:
            problems = check(args.ui_dir, args.forms_dir)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                print("run: python -m pac_desktop.gui.build_forms", file=sys.stderr)
                return 1
            print(f"{len(ui_files(args.ui_dir))} forms up to date")
            return 0
        written = build(args.ui_dir, args.forms_dir)
    except FormBuildError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"{len(written)} forms generated in {args.forms_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
