from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    """Where a record is in its release: every public fact is released by a second person."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
