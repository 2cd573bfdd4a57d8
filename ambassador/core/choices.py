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
