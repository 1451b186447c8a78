"""The case file service the GUI and the command line call: one class gathering the use cases of a file."""

from __future__ import annotations

from .follow_up import FollowUpSteps
from .identity import IdentitySteps
from .reading import CaseFileReads
from .referent import ReferentSteps
from .solutions import SolutionSteps


class CaseFileService(CaseFileReads, IdentitySteps, SolutionSteps, FollowUpSteps, ReferentSteps):
    """The referent's case file (see the package's docstring)."""
