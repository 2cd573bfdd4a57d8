"""Helpers every app's services share: the visibility check before a write, and saving with an actor;
and the staff API's tokens, created and revoked by their owner or a superuser."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from knox.settings import knox_settings

from .membership import is_active_user, sees_every_city
from .models import ApiToken
from .permissions import require
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


def api_token_default_days() -> int:
    return knox_settings.TOKEN_TTL.days


def validate_api_token_days(days: int) -> None:
    """A token lives at least a day and at most ``AMBASSADOR_API_TOKEN_MAX_DAYS``."""
    maximum = settings.AMBASSADOR_API_TOKEN_MAX_DAYS
    if not 1 <= days <= maximum:
        raise ValidationError(
            {"valid_for_days": _("A token is valid for 1 to %(maximum)d days.") % {"maximum": maximum}}
        )


@transaction.atomic
def api_token_create(*, owner, name: str, by, valid_for_days: int | None = None) -> tuple[ApiToken, str]:
    """Creates a token for ``owner`` and returns it with its key, which is stored nowhere else.

    A user creates their own tokens; a superuser creates tokens for anyone active.
    """
    require(by, "add", ApiToken)
    if owner.pk != by.pk and not sees_every_city(by):
        raise PermissionDenied(_("You may create tokens for yourself only."))
    if not is_active_user(owner):
        raise ValidationError({"user": _("This login is not active.")})
    days = api_token_default_days() if valid_for_days is None else valid_for_days
    validate_api_token_days(days)
    valid_for = datetime.timedelta(days=days)
    ApiToken(user=owner, name=name, expiry=datetime.datetime.now(datetime.UTC) + valid_for).full_clean(
        exclude=["digest", "token_key", "created"]
    )
    return ApiToken.objects.create(user=owner, name=name, expiry=valid_for)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by) -> None:
    """Deletes the token: its key stops working at once."""
    require_visible(model=ApiToken, obj=token, user=by)
    require(by, "delete", token)
    token.delete()
