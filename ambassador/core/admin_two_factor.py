"""The admin's sign-in with two factors, and each user's own "Two-factor" page.

Signing in is two steps. The password form (``django.contrib.auth.authenticate``, so a lockout
counts its failures) does not log the user in when a second factor is needed: it remembers the
user in the session for a few minutes and asks for a code from the authenticator app or a
recovery code; a login that must have a second factor and has none enrols one first. Only then
is the user logged in, with the device that verified them (django-otp). A wrong code is a failed
login (``user_login_failed``), and a few wrong codes send the user back to the password.
"""

from __future__ import annotations

import time

from django import forms
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from . import two_factor

PENDING_KEY = "two_factor_pending"
NEW_CODES_KEY = "two_factor_new_recovery_codes"
# How long the password step is remembered: long enough to install an authenticator app.
PENDING_SECONDS = 15 * 60
# Wrong codes one password step allows before the password is asked again.
CODE_ATTEMPTS = 5


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def clean_code(self):
        code = two_factor.normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("Enter the code."), code="required")
        return code


# --- the step between the password and the code -------------------------------------------------------------------


def _begin_pending(request, user, next_url: str) -> None:
    request.session[PENDING_KEY] = {
        "user_id": user.pk,
        "backend": user.backend,
        "next": next_url,
        "since": time.time(),
        "wrong_codes": 0,
    }


def _pending(request):
    """(user, state) of the password step in this session, or (None, None) when there is none or it is stale."""
    state = request.session.get(PENDING_KEY)
    if not isinstance(state, dict) or time.time() - state.get("since", 0) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None, None
    user = get_user_model()._default_manager.filter(pk=state.get("user_id"), is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return None, None
    return user, state


def _finish_login(request, user, backend: str, device) -> None:
    """Logs the user in, verified by ``device``; the session key changes, the password step is forgotten."""
    request.session.pop(PENDING_KEY, None)
    auth_login(request, user, backend=backend)
    otp_login(request, device)


def _wrong_code(request, user, state) -> bool:
    """Records a wrong code as a failed login; True when the password step is used up."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request,
    )
    state["wrong_codes"] = state.get("wrong_codes", 0) + 1
    if state["wrong_codes"] >= CODE_ATTEMPTS:
        request.session.pop(PENDING_KEY, None)
        return True
    request.session[PENDING_KEY] = state
    return False


def _safe_next(request, url: str, default: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return default


def _login_again(request, message: str):
    messages.error(request, message)
    return redirect("admin:login")


# --- the views ----------------------------------------------------------------------------------------------------


class _AdminPage:
    """Renders with the admin site's context (header, user tools)."""

    admin_site = None

    def render(self, template: str, **context):
        request = self.request
        request.current_app = self.admin_site.name
        return TemplateResponse(request, template, {**self.admin_site.each_context(request), **context})


class PasswordStepView(LoginView):
    """The admin's login form: the password, then (when needed) the second factor."""

    authentication_form = AdminAuthenticationForm
    template_name = "admin/login.html"
    next_page = reverse_lazy("admin:index")

    def form_valid(self, form):
        user = form.get_user()
        next_url = self.get_success_url()
        if two_factor.has_device(user):
            _begin_pending(self.request, user, next_url)
            return redirect("admin:login_code")
        if two_factor.is_required():
            _begin_pending(self.request, user, next_url)
            return redirect("admin:login_enrol")
        auth_login(self.request, user)
        return HttpResponseRedirect(next_url)


@method_decorator([sensitive_post_parameters(), csrf_protect, never_cache], name="dispatch")
class CodeStepView(_AdminPage, View):
    """The second step: a code from the authenticator app, or a recovery code."""

    def dispatch(self, request, *args, **kwargs):
        self.user, self.state = _pending(request)
        if self.user is None:
            return _login_again(request, _("Sign in again: the sign-in was not finished in time."))
        if not two_factor.has_device(self.user):
            return redirect("admin:login_enrol")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.page(form)
        device, locked_until = two_factor.verify_code(user=self.user, code=form.cleaned_data["code"])
        if device is not None:
            _finish_login(request, self.user, self.state["backend"], device)
            return HttpResponseRedirect(_safe_next(request, self.state.get("next"), reverse("admin:index")))
        if _wrong_code(request, self.user, self.state):
            return _login_again(request, _("Too many wrong codes. Sign in again."))
        if locked_until is not None:
            seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1)
            form.add_error("code", _("Too many wrong codes: wait %(seconds)s seconds and try again.")
                           % {"seconds": seconds})
        else:
            form.add_error("code", _("That code is not right, or it was used already. Try the next code."))
        return self.page(form)

    def page(self, form):
        return self.render(
            "admin/two_factor/login_code.html",
            form=form, title=_("Second factor"), subtitle=None, username=self.user.get_username(),
        )


@method_decorator([sensitive_post_parameters(), csrf_protect, never_cache], name="dispatch")
class EnrolView(_AdminPage, View):
    """Enrols an authenticator app: its QR code and secret, confirmed by one code from the app.

    Reached during sign-in by a login that must have a second factor and has none, or from the
    "Two-factor" page by a logged-in user. On success the session counts as verified and the new
    recovery codes are shown once.
    """

    during_sign_in = False

    def dispatch(self, request, *args, **kwargs):
        if self.during_sign_in:
            self.user, self.state = _pending(request)
            if self.user is None:
                return _login_again(request, _("Sign in again: the sign-in was not finished in time."))
            if two_factor.has_device(self.user):
                return redirect("admin:login_code")
        else:
            self.user, self.state = request.user, None
            if two_factor.authenticator_of(self.user) is not None:
                messages.info(request, _("An authenticator app is already enrolled. Remove it to enrol another."))
                return redirect("admin:two_factor")
        self.device = two_factor.authenticator_to_confirm(user=self.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            codes = two_factor.authenticator_confirm(device=self.device, code=form.cleaned_data["code"])
            if codes is not None:
                return self.enrolled(codes)
            if self.during_sign_in and _wrong_code(request, self.user, self.state):
                return _login_again(request, _("Too many wrong codes. Sign in again."))
            form.add_error("code", _("That code is not right. Check the time on your phone and enter the "
                                     "code the app shows now."))
        return self.page(form)

    def enrolled(self, codes: list[str]):
        request = self.request
        if self.during_sign_in:
            _finish_login(request, self.user, self.state["backend"], self.device)
            next_url = _safe_next(request, self.state.get("next"), reverse("admin:index"))
        else:
            otp_login(request, self.device)
            next_url = reverse("admin:two_factor")
        request.session[NEW_CODES_KEY] = {"codes": codes, "next": next_url}
        return redirect("admin:two_factor_recovery_codes")

    def page(self, form):
        template = "admin/two_factor/login_enrol.html" if self.during_sign_in else "admin/two_factor/enrol.html"
        return self.render(
            template,
            form=form,
            title=_("Set up two-factor sign-in"),
            subtitle=None,
            qr_code=two_factor.qr_code_svg(self.device),
            secret=two_factor.secret_of(self.device),
            username=self.user.get_username(),
            required=two_factor.is_required(),
        )


@method_decorator(never_cache, name="dispatch")
class RecoveryCodesView(_AdminPage, View):
    """Shows a new set of recovery codes, once."""

    def get(self, request):
        shown = request.session.pop(NEW_CODES_KEY, None)
        return self.render(
            "admin/two_factor/recovery_codes.html",
            title=_("Your recovery codes"),
            codes=(shown or {}).get("codes"),
            next_url=(shown or {}).get("next") or reverse("admin:two_factor"),
        )


@method_decorator([sensitive_post_parameters(), csrf_protect, never_cache], name="dispatch")
class TwoFactorView(_AdminPage, View):
    """The user's own two-factor page: enrol, new recovery codes, or remove the authenticator.

    New codes and removal each ask for a current code, so an unattended session cannot turn the
    second factor off.
    """

    actions = ("renew_codes", "remove")

    def get(self, request):
        return self.page(CodeForm(prefix="renew_codes"), CodeForm(prefix="remove"))

    def post(self, request):
        action = request.POST.get("action")
        if action not in self.actions:
            return self.page(CodeForm(prefix="renew_codes"), CodeForm(prefix="remove"), status=400)
        form = CodeForm(request.POST, prefix=action)
        if form.is_valid():
            device, _locked = two_factor.verify_code(user=request.user, code=form.cleaned_data["code"])
            if device is None:
                user_login_failed.send(sender=__name__, credentials={"username": request.user.get_username()},
                                       request=request)
                form.add_error("code", _("That code is not right, or it was used already."))
            elif action == "renew_codes":
                codes = two_factor.recovery_codes_renew(user=request.user)
                request.session[NEW_CODES_KEY] = {"codes": codes, "next": reverse("admin:two_factor")}
                return redirect("admin:two_factor_recovery_codes")
            else:
                two_factor.two_factor_remove(user=request.user)
                if two_factor.is_required():
                    messages.warning(request, _("Two-factor sign-in was removed. Sign in again to enrol an "
                                                "authenticator app: this site requires one."))
                else:
                    messages.success(request, _("Two-factor sign-in was removed."))
                return redirect("admin:two_factor")
        forms_by_action = {name: CodeForm(prefix=name) for name in self.actions}
        forms_by_action[action] = form
        return self.page(forms_by_action["renew_codes"], forms_by_action["remove"])

    def page(self, renew_form, remove_form, status: int = 200):
        user = self.request.user
        response = self.render(
            "admin/two_factor/manage.html",
            title=_("Two-factor sign-in"),
            authenticator=two_factor.authenticator_of(user),
            codes_left=two_factor.recovery_codes_left(user),
            required=two_factor.is_required(),
            renew_form=renew_form,
            remove_form=remove_form,
        )
        response.status_code = status
        return response
