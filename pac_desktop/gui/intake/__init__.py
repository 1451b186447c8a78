"""The joint intake's screens: "Accueils" (in progress, new), and the eight-step wizard with autosave."""

from .area import IntakeListPage, IntakeNewPage, IntakesPage
from .wizard import IntakeWizard

__all__ = ["IntakeListPage", "IntakeNewPage", "IntakeWizard", "IntakesPage"]
