"""The admin site: Django's, with sign-in in two steps and the second factor asked of every page.

A session reaches an admin page only when it has passed the second factor wherever one is
needed (``ambassador.core.two_factor``); otherwise the admin sends it to sign in again.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from . import two_factor
from .admin_two_factor import CodeStepView, EnrolView, PasswordStepView, RecoveryCodesView, TwoFactorView


class AmbassadorAdminSite(admin.AdminSite):
    def has_permission(self, request):
        return super().has_permission(request) and two_factor.passed_second_factor(request.user)

    def login(self, request, extra_context=None):
        """The password step of signing in (``admin_two_factor.PasswordStepView``)."""
        if request.method == "GET" and self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return PasswordStepView.as_view(extra_context=context)(request)

    def get_urls(self):
        signed_in = self.admin_view
        return [
            path("login/code/", CodeStepView.as_view(admin_site=self), name="login_code"),
            path("login/enrol/", EnrolView.as_view(admin_site=self, during_sign_in=True), name="login_enrol"),
            path("two-factor/", signed_in(TwoFactorView.as_view(admin_site=self)), name="two_factor"),
            path("two-factor/enrol/", signed_in(EnrolView.as_view(admin_site=self)), name="two_factor_enrol"),
            path("two-factor/recovery-codes/", signed_in(RecoveryCodesView.as_view(admin_site=self)),
                 name="two_factor_recovery_codes"),
            *super().get_urls(),
        ]
