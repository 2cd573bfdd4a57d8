"""The commitment page's part in corrections: editing a published commitment proposes a revision.

The same page as a meeting's (``negotiations.revision_admin``): the person who may change the
commitment edits it and says why, council staff other than the proposer release or reject the
revision there, and deleting a published commitment asks for the public reason.
"""

from __future__ import annotations

from ambassador.negotiations.models import Meeting
from ambassador.negotiations.revision_admin import RevisionAdminMixin

from . import corrections, services


class CommitmentRevisionAdminMixin(RevisionAdminMixin):
    """Corrections of published commitments (``corrections``)."""

    revision_editable_fields = services.EDITABLE_COMMITMENT_FIELDS

    def revision_proposed_values(self, revision) -> dict:
        return corrections.proposed_values(revision)

    def revision_differences(self, obj, revision) -> list[tuple[str, object, object]]:
        return corrections.differences(obj, revision)

    def revision_shown(self, name: str, value) -> str:
        if name == "source_meeting" and value:
            return str(Meeting.objects.filter(pk=value).first() or value)
        return super().revision_shown(name, value)

    def may_review_revision(self, request, obj, revision) -> bool:
        return corrections.can_review(commitment=obj, revision=revision, user=request.user)

    def revision_update(self, request, obj, *, reason: str, fields: dict) -> None:
        services.commitment_edit(commitment=obj, user=request.user, reason=reason, **fields)

    def revision_release(self, request, obj) -> None:
        corrections.commitment_release_revision(commitment=obj, user=request.user)

    def revision_reject(self, request, obj) -> None:
        corrections.commitment_reject_revision(commitment=obj, user=request.user)
