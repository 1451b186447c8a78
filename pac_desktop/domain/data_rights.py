"""The rights of the person whose data the programme holds (RGPD art. 15, 16, 21): the kinds of request."""

from __future__ import annotations

from .enums import LabelledEnum


class RightsRequestKind(LabelledEnum):
    ACCESS = ("access", "Demande d'accès (copie du dossier)")
    CORRECTION = ("correction", "Demande de rectification")
    OBJECTION = ("objection", "Opposition au traitement")
