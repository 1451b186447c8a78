"""Repérage (issue 18): the lists of youths to contact, the worklist and every contact attempt."""

from .contacts import (
    ContactAttemptView,
    ContactService,
    MessagesRefused,
    add_attempt_in,
    attempts_in,
    messages_refused_in,
)
from .importing import ImportCancelled, ImportRefused, ImportReport, ImportService, LineStatus, Target
from .worklist import OutcomeFilter, WorklistFilters, WorklistPage, WorklistRow, WorklistService, WorklistSort

__all__ = ["ImportCancelled", "ImportRefused", "ImportReport", "ImportService", "LineStatus", "Target", "ContactAttemptView", "ContactService", "MessagesRefused", "add_attempt_in", "attempts_in",
           "messages_refused_in", "OutcomeFilter", "WorklistFilters", "WorklistPage", "WorklistRow", "WorklistService",
           "WorklistSort"]
