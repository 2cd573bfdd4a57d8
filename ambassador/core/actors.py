"""The account scheduled jobs and commands act as, so that no history row is written by no one.

Every job writes its history as the one ``system`` account, naming the job in the row's change
reason (e.g. "flag_overdue_commitments: raised"). The account cannot log in: it is inactive, has
no usable password and belongs to no city, so no rule grants it anything.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

SYSTEM_USERNAME = "system"


def system_user():
    """The ``system`` account, created on first use."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_active": False, "is_staff": False, "first_name": "System", "last_name": "(scheduled jobs)"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
