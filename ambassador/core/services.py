"""Helpers every app's services share: the visibility check before a write, and saving with an actor."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from .querysets import visible_queryset


def require_visible(*, model: type[models.Model], obj: models.Model, user) -> None:
    """Refuses to act on a row the user may not see, as if it were another city's."""
    if obj.pk is None or not visible_queryset(model, user).filter(pk=obj.pk).exists():
        raise PermissionDenied(_("You cannot act on records of another city."))


def save_validated(obj: models.Model, *, user, reason: str = "") -> models.Model:
    """Validates the whole row, then saves it with the acting user (and reason) in its history."""
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.full_clean()
    obj.save()
    return obj
