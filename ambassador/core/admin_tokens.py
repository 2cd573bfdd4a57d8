"""The admin page of the staff API's tokens: each user lists, creates and revokes their own.

A superuser sees and revokes everyone's and may create one for any active login. A new token's key
is shown once, on the page that answers the form, and is stored nowhere (only its digest is kept).
A token is never edited: its page is read-only, and a new token replaces one that should change.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .membership import sees_every_city
from .models import ApiToken
from .permissions import may
from .services import api_token_create, api_token_default_days, api_token_revoke, validate_api_token_days


class ApiTokenCreateForm(forms.ModelForm):
    valid_for_days = forms.IntegerField(label=_("valid for (days)"), min_value=1)

    class Meta:
        model = ApiToken
        fields = ["name", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["valid_for_days"]
        field.initial = api_token_default_days()
        field.max_value = settings.AMBASSADOR_API_TOKEN_MAX_DAYS
        field.help_text = _("At most %(maximum)d days.") % {"maximum": field.max_value}
        field.widget.attrs["max"] = field.max_value

    def clean_valid_for_days(self):
        days = self.cleaned_data["valid_for_days"]
        try:
            validate_api_token_days(days)
        except ValidationError as error:
            raise ValidationError(error.message_dict["valid_for_days"]) from error
        return days


class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenCreateForm
    list_display = ("name", "created", "expiry", "last_used", "state")
    search_fields = ("name",)
    readonly_fields = ("created", "expiry", "last_used")

    def get_queryset(self, request):
        return ApiToken.objects.visible_to(request.user).select_related("user")

    def get_list_display(self, request):
        if sees_every_city(request.user):
            return ("name", "user", "created", "expiry", "last_used", "state")
        return self.list_display

    def get_fields(self, request, obj=None):
        if obj is not None:
            return ("name", "user", "created", "expiry", "last_used")
        if sees_every_city(request.user):
            return ("name", "user", "valid_for_days")
        return ("name", "valid_for_days")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(is_active=True).order_by("username")
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("state"))
    def state(self, token):
        return _("expired") if token.is_expired else _("active")

    # Every permission is asked of the rules (``ambassador.core.permissions``); nobody changes a token.

    def has_view_permission(self, request, obj=None):
        return may(request.user, "view", obj if obj is not None else ApiToken)

    def has_add_permission(self, request):
        return may(request.user, "add", ApiToken)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return may(request.user, "delete", obj if obj is not None else ApiToken)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Another user's token is answered as if it did not exist at all.
        raise Http404

    # Writes go through the services.

    def save_model(self, request, obj, form, change):
        if change:
            raise PermissionDenied
        token, key = api_token_create(
            owner=form.cleaned_data.get("user") or request.user,
            name=form.cleaned_data["name"],
            valid_for_days=form.cleaned_data["valid_for_days"],
            by=request.user,
        )
        for field in token._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding = False
        obj._state.db = token._state.db
        request.new_api_token_key = key

    def delete_model(self, request, obj):
        api_token_revoke(token=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for token in queryset:
            api_token_revoke(token=token, by=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        """Shows the new key, this once; the page is not cached (the admin sends no-store)."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Copy the new token's key now"),
            "token": obj,
            "key": request.new_api_token_key,
        }
        return TemplateResponse(request, "admin/core/apitoken/created.html", context)


admin.site.register(ApiToken, ApiTokenAdmin)
