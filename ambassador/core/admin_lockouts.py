"""Login attempts and lockouts in the admin (django-axes' records), asked of the project's rules.

Superusers see every failed attempt, the failure log and the log of logins, and unlock a username
or an address by deleting (or "unlocking") its attempts. Nobody edits these records; the logs are
kept. Axes' own registration is off (``AXES_ENABLE_ADMIN = False``) so these take its place.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .permissions import may


class AskTheRulesMixin:
    """Viewing and deleting are asked of ``ambassador.core.permissions``; nobody adds or edits a record of a login."""

    def has_view_permission(self, request, obj=None):
        return may(request.user, "view", obj if obj is not None else self.model)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return may(request.user, "delete", obj if obj is not None else self.model)


@admin.register(AccessAttempt)
class LoginAttemptAdmin(AskTheRulesMixin, AccessAttemptAdmin):
    actions = ["unlock", "cleanup_expired_attempts"]

    @admin.action(description=_("Unlock: forget the selected failed attempts"), permissions=["delete"])
    def unlock(self, request, queryset):
        _total, deleted = queryset.delete()
        count = deleted.get(AccessAttempt._meta.label, 0)
        self.message_user(
            request,
            ngettext("Forgot %(count)d failed attempt.", "Forgot %(count)d failed attempts.", count)
            % {"count": count},
        )


@admin.register(AccessLog)
class LoginLogAdmin(AskTheRulesMixin, AccessLogAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessFailureLog)
class LoginFailureLogAdmin(AskTheRulesMixin, AccessFailureLogAdmin):
    def has_delete_permission(self, request, obj=None):
        return False
