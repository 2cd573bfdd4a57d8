"""Two-factor devices in the admin: superusers see them and reset a login's by deleting them.

Nobody adds or edits a device here: each user enrols their own from the "Two-factor" page
(``admin_two_factor``), and secrets and recovery codes are never shown here.
"""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .permissions import may


class DeviceAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    list_select_related = ("user",)
    search_fields = ("user__username", "user__email")
    search_help_text = "Search by username or email"
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return may(request.user, "view", obj if obj is not None else self.model)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return may(request.user, "delete", obj if obj is not None else self.model)


for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, DeviceAdmin)
