"""Commitments', updates' and flags' named constraints hold in PostgreSQL itself and in ``full_clean()``.

Bad rows are written with ``QuerySet.update()`` or ``objects.create()``, which skip model validation,
so only the database stands in the way; each test checks that the named constraint is the one refusing.
"""

import datetime
from functools import partial

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from ambassador.commitments.choices import PRINCIPLES_BY_AREA, Area, CompletionLevel, Principle
from ambassador.commitments.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    NotificationFactory,
    NotificationFlagFactory,
    OverdueFlagFactory,
)
from ambassador.commitments.models import Commitment, OverdueFlag
from ambassador.negotiations.factories import MeetingFactory, NegotiationFactory
from tests.constraint_cases import constraint_tests

pytestmark = pytest.mark.django_db

ONE_HOUR = datetime.timedelta(hours=1)

# (constraint, factory, bad values for the saved object, key of the full_clean() error)
CHECK_CASES = [
    pytest.param(
        "commitments_commitment_text_not_empty", CommitmentFactory, lambda o: {"text": ""}, "text", id="text-empty"
    ),
    pytest.param(
        "commitments_commitment_promiser_valid", CommitmentFactory, lambda o: {"promiser": "union"}, "promiser",
        id="promiser-unknown",
    ),
    pytest.param(
        "commitments_commitment_completion_valid", CommitmentFactory, lambda o: {"completion": "half_done"},
        "completion", id="completion-unknown",
    ),
    pytest.param(
        "commitments_commitment_principle_matches_area", CommitmentFactory,
        lambda o: {"principle": Principle.FAIR_PAY}, NON_FIELD_ERRORS, id="workers-principle-in-data-area",
    ),
    pytest.param(
        "commitments_commitment_principle_matches_area", partial(CommitmentFactory, workers_rights=True),
        lambda o: {"principle": Principle.PRIVACY}, NON_FIELD_ERRORS, id="data-principle-in-workers-area",
    ),
    pytest.param(
        "commitments_commitment_principle_matches_area", CommitmentFactory,
        lambda o: {"area": Area.OTHER}, NON_FIELD_ERRORS, id="data-principle-in-other-area",
    ),
    pytest.param(
        "commitments_commitment_complete_has_date", CommitmentFactory,
        lambda o: {"completion": CompletionLevel.COMPLETE}, NON_FIELD_ERRORS, id="complete-without-date",
    ),
    pytest.param(
        "commitments_commitmentupdate_summary_not_empty", CommitmentUpdateFactory, lambda o: {"summary": ""},
        "summary", id="update-summary-empty",
    ),
    pytest.param(
        "commitments_commitmentupdate_moved_due_date_has_reason", CommitmentUpdateFactory,
        lambda o: {"new_due_on": datetime.date(2027, 9, 30)}, "due_date_reason", id="update-moves-date-without-reason",
    ),
    pytest.param(
        "commitments_commitmentupdate_moved_due_date_has_reason", partial(CommitmentUpdateFactory, moves_due_date=True),
        lambda o: {"due_date_reason": ""}, "due_date_reason", id="update-reason-removed",
    ),
    pytest.param(
        "commitments_commitmentupdate_completion_valid", CommitmentUpdateFactory, lambda o: {"completion": "done"},
        "completion", id="update-completion-unknown",
    ),
    pytest.param(
        "commitments_overdueflag_kind_valid", OverdueFlagFactory, lambda o: {"kind": "late"}, "kind",
        id="flag-kind-unknown",
    ),
    pytest.param(
        "commitments_overdueflag_cleared_after_raised", OverdueFlagFactory,
        lambda o: {"cleared_at": o.raised_at - ONE_HOUR}, NON_FIELD_ERRORS, id="flag-cleared-before-raised",
    ),
    pytest.param(
        "commitments_notification_kind_matches_subject", NotificationFactory,
        lambda o: {"week_of": datetime.date(2026, 3, 2)}, NON_FIELD_ERRORS, id="alert-with-a-week",
    ),
    pytest.param(
        "commitments_notification_kind_matches_subject", partial(NotificationFactory, weekly_digest=True),
        lambda o: {"week_of": None}, NON_FIELD_ERRORS, id="digest-without-a-week",
    ),
    pytest.param(
        "commitments_commitment_review_state_valid", CommitmentFactory, lambda o: {"review_state": "released"},
        "review_state", id="commitment-review-state-unknown",
    ),
    pytest.param(
        "commitments_commitment_published_is_stamped", partial(CommitmentFactory, without_meeting=True),
        lambda o: {"published_at": None}, NON_FIELD_ERRORS, id="commitment-published-without-date",
    ),
    pytest.param(
        "commitments_commitment_second_person_publishes", CommitmentFactory,
        lambda o: {"published_by": o.logged_by}, NON_FIELD_ERRORS, id="commitment-published-by-its-logger",
    ),
    pytest.param(
        "commitments_commitmentupdate_review_state_valid", CommitmentUpdateFactory,
        lambda o: {"review_state": "released"}, "review_state", id="update-review-state-unknown",
    ),
    pytest.param(
        "commitments_commitmentupdate_published_is_stamped",
        partial(CommitmentUpdateFactory, commitment__without_meeting=True),
        lambda o: {"first_published_at": None}, NON_FIELD_ERRORS, id="update-published-without-date",
    ),
    pytest.param(
        "commitments_commitmentupdate_second_person_publishes", CommitmentUpdateFactory,
        lambda o: {"published_by": o.logged_by}, NON_FIELD_ERRORS, id="update-published-by-its-logger",
    ),
]

# (constraint, factory for two rows, fields copied from the first row onto the second, full_clean() error key)
UNIQUE_CASES = [
    pytest.param(
        "commitments_overdueflag_once_per_commitment_and_due_date", OverdueFlagFactory,
        ["commitment", "kind", "due_on"], NON_FIELD_ERRORS, id="flag-once",
    ),
    pytest.param(
        "commitments_notificationflag_once_per_flag_and_recipient", NotificationFlagFactory,
        ["recipient", "flag"], NON_FIELD_ERRORS, id="flag-once-per-recipient",
    ),
    pytest.param(
        "commitments_notification_one_digest_per_week_and_recipient", partial(NotificationFactory, weekly_digest=True),
        ["city", "week_of", "recipient"], NON_FIELD_ERRORS, id="digest-once",
    ),
]


globals().update(constraint_tests("commitments", CHECK_CASES, UNIQUE_CASES))


def test_second_overdue_flag_for_the_same_due_date_is_rejected_on_create():
    flag = OverdueFlagFactory()

    with pytest.raises(IntegrityError, match="commitments_overdueflag_once_per_commitment_and_due_date"), (
        transaction.atomic()
    ):
        OverdueFlag.objects.create(commitment=flag.commitment, due_on=flag.due_on)

    assert OverdueFlag.objects.filter(commitment=flag.commitment).count() == 1


def test_a_moved_due_date_and_a_due_soon_warning_each_get_their_own_flag():
    flag = OverdueFlagFactory()

    later = OverdueFlagFactory(commitment=flag.commitment, due_on=flag.due_on + datetime.timedelta(days=30))
    warning = OverdueFlagFactory(commitment=flag.commitment, due_on=flag.due_on, due_soon=True)

    assert set(OverdueFlag.objects.filter(commitment=flag.commitment).values_list("pk", flat=True)) == {
        flag.pk, later.pk, warning.pk,
    }


def test_commitment_whose_principle_is_of_another_area_is_rejected_by_bulk_create():
    negotiation = NegotiationFactory()

    with pytest.raises(IntegrityError, match="commitments_commitment_principle_matches_area"), transaction.atomic():
        Commitment.objects.bulk_create(
            [
                Commitment(
                    negotiation=negotiation,
                    area=Area.WORKERS_RIGHTS,
                    principle=Principle.OPEN_STANDARDS,
                    text="Provide the data feed in the open MDS format.",
                )
            ]
        )


@pytest.mark.parametrize(
    ("area", "principle"),
    [(area, principle) for area, principles in PRINCIPLES_BY_AREA.items() for principle in principles],
)
def test_every_principle_of_an_area_is_accepted_by_the_database(area, principle):
    commitment = CommitmentFactory(area=area, principle=principle)

    commitment.refresh_from_db()
    assert (commitment.area, commitment.principle) == (area, principle)


def test_commitment_from_a_meeting_of_another_negotiation_fails_full_clean():
    commitment = CommitmentFactory()
    commitment.source_meeting = MeetingFactory()

    with pytest.raises(ValidationError) as excinfo:
        commitment.full_clean()

    assert excinfo.value.message_dict == {"source_meeting": ["The meeting belongs to another negotiation."]}


def test_new_commitment_remembers_its_original_due_date():
    commitment = CommitmentFactory(due_on=datetime.date(2026, 9, 30))

    Commitment.objects.filter(pk=commitment.pk).update(due_on=datetime.date(2026, 12, 31))
    commitment.refresh_from_db()

    assert (commitment.original_due_on, commitment.due_on) == (datetime.date(2026, 9, 30), datetime.date(2026, 12, 31))


def test_update_that_moves_the_due_date_says_so():
    update = CommitmentUpdateFactory(moves_due_date=True)

    assert update.moves_due_date
    assert not CommitmentUpdateFactory().moves_due_date

