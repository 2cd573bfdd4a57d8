"""Who may do what: one rule set for every model and action, asked by the admin, the staff API and the services.

Permissions come from these rules alone (``django-rules``); the ``AUTHENTICATION_BACKENDS`` setting
lists the rules backend and a login backend that grants nothing, so a stray group permission
cannot widen them. Active superusers pass every rule (Django asks no backend for them); the
services still hold them to the record's state and the second-person rule.

The policy, for envoys and council staff, each for their own city:
- A city's records (negotiations, meetings, commitments, progress updates, flags, the outbox,
  risk scores) are seen by its members only. Council staff give verdicts on the risk indicators
  that fired; envoys do not see them. Envoys and council staff log, edit, submit and
  delete drafts; a published record is withdrawn (deleted or returned to draft) by council staff.
- Every public fact is released (published, announced) by council staff, never by the person who
  wrote it.
- Organisations and public officials are shared reference records: every city views and links
  them. A record another city recorded is not changed or deleted by an envoy, and an
  organisation's name, kind, register id and parent are changed by council staff only.
- Cities, logins and their memberships are managed by superusers, who also reset a login's
  two-factor devices, see login attempts and lift lockouts.
- A staff API token is seen and revoked by its owner (and superusers), and its key never changes.

A rule takes the user and, optionally, the record. Asked without a record (``obj=None``) it says
whether the user may do the action on some record of the model: the admin asks so for its menus.
"""

from __future__ import annotations

import rules
import rules.permissions
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .membership import city_of, is_active_user, sees_every_city
from .querysets import visible_queryset

ENVOY = "envoy"
COUNCIL_STAFF = "council_staff"
PUBLISHED = "published"


# --- who the user is ----------------------------------------------------------------------------------------------


def _role(user) -> str | None:
    if not is_active_user(user):
        return None
    membership = getattr(user, "city_membership", None)
    return membership.role if membership is not None else None


@rules.predicate
def is_superuser(user) -> bool:
    return sees_every_city(user)


@rules.predicate
def is_envoy(user) -> bool:
    return _role(user) == ENVOY


@rules.predicate
def is_council_staff(user) -> bool:
    return _role(user) == COUNCIL_STAFF


is_member = is_envoy | is_council_staff


# --- what the record is -------------------------------------------------------------------------------------------


@rules.predicate
def sees_record(user, obj) -> bool:
    """The record is one the user may see (their city's, or shared); any record when none is named."""
    if obj is None or obj.pk is None:
        return True
    cache = obj.__dict__.setdefault("_seen_by", {})
    if user.pk not in cache:
        cache[user.pk] = visible_queryset(type(obj), user).filter(pk=obj.pk).exists()
    return cache[user.pk]


def recorded_by_own_city(path: str = "recorded_by_city_id"):
    """The shared record was recorded by the user's city; ``path`` leads from the record to that city's id."""

    def predicate(user, obj) -> bool:
        if obj is None or obj.pk is None:
            return True
        city = city_of(user)
        value = obj
        for name in path.split("."):
            value = getattr(value, name, None)
            if value is None:
                return False
        return city is not None and value == city.pk

    return rules.predicate(predicate, name=f"recorded_by_own_city({path})")


@rules.predicate
def is_published(user, obj) -> bool:
    """The record is public: released through review, or (a negotiation) announced."""
    if obj is None:
        return False
    if hasattr(obj, "review_state"):
        return obj.review_state == PUBLISHED
    return bool(getattr(obj, "is_public", False))


@rules.predicate
def is_author(user, obj) -> bool:
    """The user wrote the record (logged it, or proposed its announcement): they do not release it."""
    if obj is None:
        return False
    field = getattr(type(obj), "review_author_field", "logged_by")
    author_id = getattr(obj, f"{field}_id", None)
    return author_id is not None and author_id == user.pk


@rules.predicate
def is_owner(user, obj) -> bool:
    """The record (an API token) belongs to the user; any record when none is named."""
    if obj is None or obj.pk is None:
        return True
    return obj.user_id == user.pk


# --- the rules ----------------------------------------------------------------------------------------------------

nobody = rules.always_deny
own_record = is_member & sees_record
# A draft (or a record that was never published) is the city's working copy; what is public is
# withdrawn by council staff only.
own_unpublished = own_record & ~is_published
release = is_council_staff & sees_record & ~is_author
withdraw = (is_council_staff & sees_record) | own_unpublished


def _reviewed(**extra) -> dict:
    """The actions on a record that reaches the public through review."""
    return {
        "view": own_record,
        "add": is_member,
        "change": own_record,
        "delete": withdraw,
        "submit": own_record,
        "publish": release,
        "return": withdraw,
        **extra,
    }


def _read_only(view=own_record) -> dict:
    return {"view": view, "add": nobody, "change": nobody, "delete": nobody}


RULES: dict[str, dict[str, rules.Predicate]] = {
    # Shared reference records and the city's own people.
    "stakeholders.city": _read_only(),
    "stakeholders.citymembership": _read_only(view=nobody),
    "stakeholders.organisation": {
        "view": is_member,
        "add": is_member,
        "change": is_council_staff | (is_envoy & recorded_by_own_city()),
        "delete": is_member & recorded_by_own_city(),
        # Name, kind, register id and parent: who the organisation is, which the risk scores read.
        "change_identity": is_council_staff,
    },
    "stakeholders.person": {
        "view": own_record,
        "add": is_member,
        "change": is_member & recorded_by_own_city(),
        "delete": is_member & recorded_by_own_city(),
    },
    "stakeholders.affiliation": {
        "view": own_record,
        "add": is_member,
        "change": is_member & recorded_by_own_city("person.recorded_by_city_id"),
        "delete": is_member & recorded_by_own_city("person.recorded_by_city_id"),
    },
    "stakeholders.lobbyingdisclosure": {
        "view": is_member,
        "add": is_member,
        "change": is_council_staff | (is_envoy & recorded_by_own_city("organisation.recorded_by_city_id")),
        "delete": is_council_staff | (is_envoy & recorded_by_own_city("organisation.recorded_by_city_id")),
    },
    # Negotiations: an envoy proposes the announcement, council staff announce it.
    "negotiations.topic": {"view": is_member, "add": is_council_staff, "change": is_council_staff,
                           "delete": is_council_staff},
    "negotiations.negotiation": {
        "view": own_record,
        "add": is_member,
        "change": own_record,
        "delete": is_council_staff & sees_record,
        "submit": own_record,
        "announce": release,
        "return": withdraw,
    },
    "negotiations.meeting": _reviewed(),
    "commitments.commitment": _reviewed(),
    "commitments.commitmentupdate": _reviewed(),
    # Written by jobs only.
    "commitments.overdueflag": _read_only(),
    "commitments.notification": _read_only(),
    "risk.riskassessment": _read_only(),
    "risk.riskrun": _read_only(),
    # Reviewers' verdicts on the indicators that fired: council staff judge the scores they see (their
    # city's and the overall ones). Envoys see no verdict at all (the narrower choice: a verdict judges
    # the signals about the negotiations they lead): ``visible_to`` gives them none, so they may list the
    # verdicts and find the list empty. A verdict is replaced by a later one, never deleted.
    "risk.indicatorverdict": {
        "view": own_record,
        "add": is_council_staff,
        "change": is_council_staff & sees_record,
        "delete": nobody,
    },
    # Staff API keys: a token's key (its digest) is never changed; a new token replaces it.
    "core.apitoken": {"view": is_member & is_owner, "add": is_member, "change": nobody, "delete": is_member & is_owner},
    # Two-factor devices: each user enrols their own through their two-factor page; superusers
    # (whom Django grants every permission) see and reset them in the admin.
    "otp_totp.totpdevice": {"view": nobody, "add": nobody, "change": nobody, "delete": nobody},
    "otp_static.staticdevice": {"view": nobody, "add": nobody, "change": nobody, "delete": nobody},
    # Login attempts and lockouts (django-axes): superusers only; a superuser unlocks by deleting attempts.
    "axes.accessattempt": _read_only(view=nobody),
    "axes.accesslog": _read_only(view=nobody),
    "axes.accessfailurelog": _read_only(view=nobody),
}

# The admin shows an app to users who may do something in it.
MODULES = {
    "stakeholders": is_member,
    "negotiations": is_member,
    "commitments": is_member,
    "risk": is_member,
    "core": is_member,
}


def permission_name(model_label: str, action: str) -> str:
    """``("negotiations.meeting", "publish")`` -> ``"negotiations.publish_meeting"``."""
    app_label, model_name = model_label.split(".")
    return f"{app_label}.{action}_{model_name}"


def _register() -> None:
    for model_label, actions in RULES.items():
        for action, predicate in actions.items():
            rules.set_perm(permission_name(model_label, action), predicate)
    for app_label, predicate in MODULES.items():
        rules.set_perm(app_label, predicate)


_register()


# --- asking -------------------------------------------------------------------------------------------------------


def perm_for(obj_or_model, action: str) -> str:
    """The permission for ``action`` on a model or record, e.g. ``perm_for(meeting, "publish")``."""
    opts = obj_or_model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def may(user, action: str, obj_or_model) -> bool:
    """Whether the user may do ``action`` on the record (or, given a model, on some record of it)."""
    obj = None if isinstance(obj_or_model, type) else obj_or_model
    return bool(user is not None and user.has_perm(perm_for(obj_or_model, action), obj))


def require_perm(user, perm: str, obj=None, message: str | None = None) -> None:
    """Refuses (PermissionDenied) unless the user holds ``perm``, on ``obj`` when given."""
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(message or _("You may not do this."))


def require(user, action: str, obj_or_model, message: str | None = None) -> None:
    """``require_perm`` by action name: ``require(user, "change", meeting)``."""
    if not may(user, action, obj_or_model):
        raise PermissionDenied(message or _("You may not do this."))


# --- backends (settings.AUTHENTICATION_BACKENDS) --------------------------------------------------------------------


class RulesBackend(rules.permissions.ObjectPermissionBackend):
    """Answers every permission question from the rules above."""


class LoginBackend(ModelBackend):
    """Checks usernames and passwords; grants no permission (group and user permissions are not read)."""

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False
