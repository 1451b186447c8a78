"""Why a sync stopped, in French a counsellor can act on (each is a DomainError: str(error) is the message)."""

from __future__ import annotations

from pac_desktop.domain.errors import DomainError


class SyncError(DomainError):
    """Base of every sync failure shown to the user."""


class ServerUnreachable(SyncError):
    """Network down, server stopped or busy: transient; the outbox is kept and the next attempt retries."""

    def __init__(self, detail: str = "", *, cause: str | None = None) -> None:
        self.detail = detail
        self.cause = cause
        first = cause or "Le serveur de synchronisation ne répond pas pour le moment."
        super().__init__(
            first + " Vos modifications sont gardées sur cet ordinateur et partiront à la prochaine "
            "synchronisation." + (f" ({detail})" if detail and not cause else "")
        )


#: What a failed connection says, by cause (issue 14: an agency network names its own trouble).
CERTIFICATE_CAUSE = (
    "Le certificat du serveur {host} n'est pas reconnu par cet ordinateur : la connexion a été refusée pour "
    "protéger les données. Si le réseau de votre structure passe par un proxy qui inspecte le trafic, son "
    "autorité de certification doit être installée dans le magasin de certificats du système (service "
    "informatique) ; sinon, vérifiez l'adresse du serveur."
)
PROXY_CAUSE = (
    "Le proxy du réseau n'a pas laissé passer la connexion au serveur {host}. Vérifiez les réglages de proxy du "
    "système avec votre service informatique."
)
DNS_CAUSE = (
    "Le nom du serveur « {host} » est introuvable (DNS) : vérifiez l'adresse du serveur et la connexion de cet "
    "ordinateur au réseau."
)
REFUSED_CAUSE = (
    "Le serveur {host} refuse les connexions : il est sans doute arrêté ou en maintenance. Réessayez plus tard ou "
    "prévenez l'administrateur du serveur."
)
TIMEOUT_CAUSE = "Le serveur {host} ne répond pas dans les délais (réseau lent ou coupé, ou serveur surchargé)."


class ServerFailed(ServerUnreachable):
    """The server answered with an error of its own (HTTP 500) every time this request was tried."""


class RequestRefused(SyncError):
    """The server refused the request itself for good (400, 413, 422): sending it again cannot help."""

    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message or f"Le serveur a refusé la requête (code {status}).")
        self.status = status


class UpgradeRequired(SyncError):
    """The server needs a newer application (HTTP 426): stop, keep the outbox."""


class DeviceRevoked(SyncError):
    """An administrator withdrew this device: stop syncing, keep data and outbox."""


class NotEnrolled(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "Cet ordinateur n'est pas encore inscrit auprès d'un serveur de synchronisation. Demandez un code "
            "d'inscription à l'administrateur, puis : pac enrol --server ADRESSE --code CODE."
        )


class EnrolmentRefused(SyncError):
    """The server refused the enrolment code."""


class InsecureServerUrl(SyncError):
    """Plain http to a host that is not this computer."""


class DemoDataRefused(SyncError):
    def __init__(self) -> None:
        super().__init__(
            "Cette base contient des données de démonstration (jeunes fictifs) : elle ne peut pas être "
            "synchronisée avec un serveur partagé. Utilisez une base vierge (pac --data-dir AUTRE_DOSSIER init) "
            "pour travailler sur de vraies données."
        )


class SyncBusy(SyncError):
    def __init__(self) -> None:
        super().__init__("Une synchronisation est déjà en cours sur cet ordinateur ; elle se termine d'abord.")


class SyncCancelled(SyncError):
    def __init__(self) -> None:
        super().__init__("Synchronisation interrompue. Ce qui était déjà reçu ou envoyé est conservé.")


class UnexpectedSyncFailure(SyncError):
    """Anything else that stopped a cycle (a bug, a local database error): recorded and shown, never its values."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(
            "La synchronisation s'est arrêtée sur une erreur inattendue "
            f"({type(error).__name__}). Vos modifications sont gardées sur cet ordinateur. Si cela se reproduit, "
            "prévenez l'administrateur."
        )


class ServerProtocolError(SyncError):
    """The server answered something this version does not understand (a bug or a mismatched server)."""

    def __init__(self, status: int) -> None:
        super().__init__(
            f"Le serveur a répondu de façon inattendue (code {status}). Vos modifications sont gardées sur cet "
            "ordinateur. Si cela se reproduit, prévenez l'administrateur du serveur."
        )


class ServerRefused(SyncError):
    """A definitive refusal the server explains in French (a role, a switched-off feature): shown as is."""


class CursorTooOld(Exception):
    """HTTP 410: the device must resync from the start (handled by the engine, never shown as is)."""


class AccessExpired(Exception):
    """HTTP 401 on a sync call: the access token must be renewed (handled by the engine)."""
