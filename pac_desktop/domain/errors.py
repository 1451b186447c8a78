"""Errors a user can read: every message is plain French, shown as is by the GUI and the command line."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the programme refused an action. ``str(error)`` is the French message for the user."""


class NotFound(DomainError):
    """The record asked for does not exist (or is not visible to this user)."""


class PermissionDenied(DomainError):
    """The logged-in staff member's role does not allow this action."""
