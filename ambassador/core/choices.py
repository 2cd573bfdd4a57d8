from django.db import models
from django.utils.translation import gettext_lazy as _


class RevisionState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted for review")
    RELEASED = "released", _("Released")
    REJECTED = "rejected", _("Rejected")


class NoticeKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    WITHDRAWAL = "withdrawal", _("Withdrawal")
    REPUBLICATION = "republication", _("Republished")


class ReviewState(models.TextChoices):
    """Where a record is in its release: every public fact is released by a second person."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
