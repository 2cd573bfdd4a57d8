"""Stand-in for ``core.permissions.require_perm`` until the rules of who may do what land.

Maps the review actions onto the model permissions the role groups hold today: submitting and
returning to draft are a change, publishing and announcing are what council staff do.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

_PUBLISHING = "negotiations.publish_meeting"


def _model_permission(perm: str) -> str:
    app_label, codename = perm.split(".", 1)
    action, _sep, model = codename.partition("_")
    if action in ("publish", "announce"):
        return _PUBLISHING
    if action in ("submit", "return"):
        # Envoys add progress updates and never change them; they change the other records.
        return f"{app_label}.add_{model}" if model == "commitmentupdate" else f"{app_label}.change_{model}"
    return perm


def require_perm(user, perm: str, obj=None) -> None:
    """Raises PermissionDenied unless the user may take the action (on the object)."""
    if user is None or not user.is_active or not user.has_perm(_model_permission(perm)):
        raise PermissionDenied(_("You may not do this: %(perm)s.") % {"perm": perm})
