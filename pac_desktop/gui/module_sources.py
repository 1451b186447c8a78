"""PySide6 reads the whole source of each module imported after it, and linecache keeps every text it read.

PySide6's ``__feature__`` switch looks for the word "PySide6" in each newly imported module
(``shibokensupport.feature._mod_uses_pyside``, PYSIDE-2029) through ``inspect.getsource``: linecache then holds the
text of the application's ~1,100 modules for the life of the process, about 40 MB of the GUI's resident memory
(issue 16). :func:`spare_module_sources` makes the same test on the file's bytes, which keeps nothing. An installed
bundle (PyInstaller) has no source files: there, both tests find none and nothing is read.
"""

from __future__ import annotations

import sys
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"


def uses_pyside(module: ModuleType) -> bool:
    """What ``_mod_uses_pyside`` answers, from the bytes of the module's source file: does "PySide6" appear in it
    (False for a module without a source file: built in, compiled, frozen)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def spare_module_sources() -> bool:
    """Once PySide6 is imported: modules imported from now on are tested without keeping their text. False when
    this PySide6 has no such test (a later release): nothing is changed then."""
    feature = sys.modules.get(_FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside
    return True
