"""The audit trail's vocabulary: what is recorded, with its French label for the administrators' view.

An audit event says who did what to which record, and when — never a name, a note or any content: the
record's id is enough to find it, and the trail travels to the server like every synced row.
"""

from __future__ import annotations

from .enums import LabelledEnum


class AuditAction(LabelledEnum):
    VIEW = ("view", "Consultation d'un dossier")
    PREPARE = ("prepare", "Document préparé (aperçu)")  # laid out and shown; printed or saved: PRINT, EXPORT
    PRINT = ("print", "Impression")
    EXPORT = ("export", "Export")
    LOGIN = ("login", "Connexion")
    LOGIN_FAILED = ("login_failed", "Échec de connexion")
    LOGOUT = ("logout", "Déconnexion")
    LOCK = ("lock", "Verrouillage de la session")
    UNLOCK = ("unlock", "Déverrouillage de la session")
    UNLOCK_FAILED = ("unlock_failed", "Échec de déverrouillage")
    DENIED = ("denied", "Action refusée (droits)")
    PURGE = ("purge", "Suppression (durée de conservation)")
    EVALUATION_DRAW = ("evaluation_draw", "Tirage au sort de l'évaluation")
    EVALUATION_ANOMALY = ("evaluation_anomaly", "Tirage hors de l'ordre de la réserve (contrôle du serveur)")
    EVALUATION_RESERVE_RENEWED = ("evaluation_reserve_renewed",
                                  "Réserve de tirages renouvelée : blocs inachevés clos (avis, pas une anomalie)")
    INTAKE_VALIDATION = ("intake_validation", "Validation d'un accueil (par le conseiller lui-même)")
    CONSENT_WITHDRAWN = ("consent_withdrawn", "Retrait de l'accord de partage du dossier")
    VALIDATION_PIN_SET = ("validation_pin_set", "Code PIN de validation choisi (sur cet ordinateur)")
    VALIDATION_PIN_LOCKED = ("validation_pin_locked", "Code PIN de validation bloqué (trop d'essais incorrects)")
    SHARED_CONTENT_REMOVED = ("shared_content_removed", "Contenu partagé retiré après un retrait d'accord (serveur)")
    RIGHTS_REQUEST = ("rights_request", "Demande sur les données personnelles")
    SETTING_CHANGED = ("setting_changed", "Modification d'un réglage")
    IMPORT = ("import", "Import d'une liste de repérage")
    REGIONAL_FIGURES = ("regional_figures", "Chiffres régionaux demandés au serveur")


def action_label(action: str) -> str:
    """The French label of an action; actions recorded by a newer version show as they are."""
    try:
        return AuditAction(action).label
    except ValueError:
        return action
