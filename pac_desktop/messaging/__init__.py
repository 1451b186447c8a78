"""Messages to the youths (issue 18): e-mail through the organisation's SMTP server, SMS through an HTTP gateway,
and the ``.ics`` file of an appointment. Network work: called off the UI thread, by the services only.

Nothing here reads a secret: the services take the SMTP password and the gateway's key from the OS keyring
(pac_desktop.security.keyring_store) and pass them in. A failure is a :class:`SendFailed` whose message, in
French, says what to do; it never holds the message's text or the recipient.
"""

from __future__ import annotations

from pac_desktop.domain.errors import DomainError


class SendFailed(DomainError):
    """The message was not sent. ``unreachable``: the server could not be reached (try again later);
    otherwise it answered and refused (check the settings)."""

    def __init__(self, message: str, *, unreachable: bool) -> None:
        super().__init__(message)
        self.unreachable = unreachable
