"""The release workflow in the admin, for every reviewed record (see ``core.review``).

Changelist actions (submit, publish, return to draft with a reason) and the same steps as buttons
on the record's page. The steps call the owning app's services, which hold the rules; the admin
only decides what to offer. A record that is not a draft is shown read-only: it is what the
reviewer saw, and it goes back to draft before it changes.

A ModelAdmin using the mixin implements ``review_submit``, ``review_publish``,
``review_return_to_draft`` and ``may_publish`` with its services.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from .choices import ReviewState


class ReturnToDraftForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


def error_text(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


class WorkflowButtonsMixin:
    """Buttons for workflow steps on the change page, each a POST to its own URL (or a GET to a form)."""

    change_form_template = "admin/review/change_form.html"

    def workflow_steps(self, request, obj) -> list[dict]:
        return []

    def workflow_url(self, step: str, obj) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{step}", args=[obj.pk],
                       current_app=self.admin_site.name)

    def change_url(self, obj) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk],
                       current_app=self.admin_site.name)

    def workflow_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        return obj

    def run_one(self, request, obj, step, done_message):
        """Runs one step; a refused input is a message on the record's page, a refused user a 403."""
        try:
            step()
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.ERROR)
        else:
            self.message_user(request, done_message, messages.SUCCESS)
        return HttpResponseRedirect(self.change_url(obj))

    def run_each(self, request, queryset, step, done_message):
        """Runs a step on each selected record; each refusal is reported, the rest go ahead."""
        done = 0
        for obj in queryset:
            try:
                step(obj)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{obj}: {error_text(error)}", messages.ERROR)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    def reason_page(self, request, obj, *, form, title, intro, template="admin/review/reason_one.html"):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "intro": intro,
            "opts": self.opts,
            "original": obj,
            "form": form,
            "change_url": self.change_url(obj),
        }
        return TemplateResponse(request, template, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}),
                         "workflow_steps": self.workflow_steps(request, obj) if obj is not None else []}
        return super().change_view(request, object_id, form_url, extra_context)


class ReviewWorkflowMixin(WorkflowButtonsMixin):
    """Submit, publish and return to draft, as actions and as buttons, for a ``ReviewedRecord`` model."""

    # The fields an author edits while the record is a draft; read-only once it is not.
    review_editable_fields: tuple[str, ...] = ()
    review_readonly_fields = ("review_state", "logged_by", "logged_at", "submitted_at", "published_by",
                              "published_at", "first_published_at")
    actions = ["submit_for_review", "publish", "return_to_draft"]
    return_to_draft_template = "admin/review/return_to_draft.html"
    return_one_to_draft_template = "admin/review/reason_one.html"

    # --- what the owning app's services do -----------------------------------------------------------------------

    def review_submit(self, request, obj) -> None:
        raise NotImplementedError

    def review_publish(self, request, obj) -> None:
        raise NotImplementedError

    def review_return_to_draft(self, request, obj, reason: str) -> None:
        raise NotImplementedError

    def may_publish(self, request, obj) -> bool:
        raise NotImplementedError

    # The actions and buttons ask the rules (``self.may``, from CityScopedAdmin); the services ask again.

    def has_submit_permission(self, request) -> bool:
        return self.may(request, "submit")

    def has_publish_permission(self, request) -> bool:
        return self.may(request, "publish")

    def has_return_permission(self, request) -> bool:
        return self.may(request, "return")

    # --- the form ------------------------------------------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        fields += [name for name in self.review_readonly_fields if name not in fields]
        if obj is not None and obj.review_state != ReviewState.DRAFT:
            fields += [name for name in self.review_editable_fields if name not in fields]
        return fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if obj is not None and obj.review_state != ReviewState.DRAFT:
            # Nothing on the page is editable until the record is back to draft.
            extra_context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False)
        return super().change_view(request, object_id, form_url, extra_context)

    # --- changelist actions --------------------------------------------------------------------------------------

    @admin.action(description=_("Submit selected records for review"), permissions=["submit"])
    def submit_for_review(self, request, queryset):
        self.run_each(request, queryset, lambda obj: self.review_submit(request, obj),
                      _("%(count)d record(s) submitted for review."))

    @admin.action(description=_("Publish selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        self.run_each(request, queryset, lambda obj: self.review_publish(request, obj),
                      _("%(count)d record(s) published."))

    @admin.action(description=_("Return selected records to draft…"), permissions=["return"])
    def return_to_draft(self, request, queryset):
        if "apply" in request.POST:
            form = ReturnToDraftForm(request.POST)
            if form.is_valid():
                reason = form.cleaned_data["reason"]
                self.run_each(request, queryset, lambda obj: self.review_return_to_draft(request, obj, reason),
                              _("%(count)d record(s) returned to draft."))
                return HttpResponseRedirect(request.get_full_path())
        else:
            form = ReturnToDraftForm()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return to draft"),
            "opts": self.opts,
            "form": form,
            "queryset": queryset,
            "action_name": "return_to_draft",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, self.return_to_draft_template, context)

    # --- buttons on the record's page ----------------------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        workflow = [
            path("<path:object_id>/submit/", self.admin_site.admin_view(self.submit_view),
                 name=f"{prefix}_submit"),
            path("<path:object_id>/publish/", self.admin_site.admin_view(self.publish_view),
                 name=f"{prefix}_publish"),
            path("<path:object_id>/return-to-draft/", self.admin_site.admin_view(self.return_to_draft_view),
                 name=f"{prefix}_return_to_draft"),
        ]
        # Before the admin's own URLs, whose catch-all "<object_id>/" would take these.
        return workflow + super().get_urls()

    def may_submit(self, request, obj) -> bool:
        return self.may(request, "submit", obj)

    def workflow_steps(self, request, obj) -> list[dict]:
        """The workflow buttons the user may press on this record's page, in its current state."""
        steps = []
        if obj.review_state == ReviewState.DRAFT and self.may_submit(request, obj):
            steps.append({"label": _("Submit for review"), "url": self.workflow_url("submit", obj),
                          "method": "post"})
        if obj.review_state == ReviewState.SUBMITTED and self.may_publish(request, obj):
            steps.append({"label": _("Publish"), "url": self.workflow_url("publish", obj), "method": "post"})
        if self.may_return_to_draft(request, obj):
            steps.append({"label": _("Return to draft…"), "url": self.workflow_url("return_to_draft", obj),
                          "method": "get"})
        return steps

    def may_return_to_draft(self, request, obj) -> bool:
        return obj.review_state != ReviewState.DRAFT and self.may(request, "return", obj)

    def submit_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.workflow_object(request, object_id)
        if not self.may_submit(request, obj):
            raise PermissionDenied
        return self.run_one(request, obj, lambda: self.review_submit(request, obj),
                            _("The record is submitted for review."))

    def publish_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.workflow_object(request, object_id)
        if not self.has_publish_permission(request):
            raise PermissionDenied
        # The service refuses the person who logged the record (PermissionDenied: a 403).
        return self.run_one(request, obj, lambda: self.review_publish(request, obj), _("The record is published."))

    def return_to_draft_view(self, request, object_id):
        obj = self.workflow_object(request, object_id)
        if not self.may_return_to_draft(request, obj):
            raise PermissionDenied
        form = ReturnToDraftForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            return self.run_one(request, obj, lambda: self.review_return_to_draft(request, obj, reason),
                                _("The record is back to draft."))
        return self.reason_page(
            request, obj, form=form, title=_("Return to draft"),
            intro=_("“%(record)s” goes back to draft. It leaves the public site until it is submitted and "
                    "published again.") % {"record": obj},
            template=self.return_one_to_draft_template,
        )
