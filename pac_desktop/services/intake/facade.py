"""The intake service the GUI and the command line call: one class gathering the use cases of each step."""

from __future__ import annotations

from .analysis import AnalysisSteps
from .consent import ConsentSteps
from .detail import IntakeReads
from .referral import ReferralSteps
from .solutions import SolutionSteps
from .validation import ValidationSteps
from .youth import YouthSteps


class IntakeService(
    YouthSteps, ReferralSteps, ConsentSteps, AnalysisSteps, SolutionSteps, ValidationSteps, IntakeReads
):
    """The joint intake, from finding the youth to the validated, locked record (see the package's docstring)."""
