"""The tests every app runs over its named database constraints, built from that app's cases.

Each app's ``test_models.py`` lists ``CHECK_CASES`` (constraint, factory, bad values, error key) and
``UNIQUE_CASES`` (constraint, factory, copied fields, error key), then takes these tests with
``globals().update(constraint_tests("app_label", CHECK_CASES, UNIQUE_CASES))``. Bad rows are written
with ``QuerySet.update()``, which skips model validation, so only the database stands in the way.
"""

import pytest
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction


def _constraints(app_label: str):
    models = apps.get_app_config(app_label).get_models()
    return [constraint for model in models for constraint in model._meta.constraints]


def constraint_tests(app_label: str, check_cases: list, unique_cases: list) -> dict:
    """The five constraint tests for ``app_label``, named as pytest collects them."""

    def violation_message(name):
        (constraint,) = (constraint for constraint in _constraints(app_label) if constraint.name == name)
        return constraint.get_violation_error_message()

    @pytest.mark.parametrize(("constraint", "make", "bad_values", "error_key"), check_cases)
    def test_check_constraint_rejects_bad_row_at_the_database(constraint, make, bad_values, error_key):
        obj = make()

        with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
            type(obj).objects.filter(pk=obj.pk).update(**bad_values(obj))

    @pytest.mark.parametrize(("constraint", "make", "bad_values", "error_key"), check_cases)
    def test_check_constraint_is_enforced_by_full_clean(constraint, make, bad_values, error_key):
        obj = make()
        for field, value in bad_values(obj).items():
            setattr(obj, field, value)

        with pytest.raises(ValidationError) as excinfo:
            obj.full_clean()

        assert error_key in excinfo.value.message_dict
        if error_key == NON_FIELD_ERRORS:
            assert violation_message(constraint) in excinfo.value.message_dict[NON_FIELD_ERRORS]

    @pytest.mark.parametrize(("constraint", "make", "copied_fields", "error_key"), unique_cases)
    def test_unique_constraint_rejects_duplicate_at_the_database(constraint, make, copied_fields, error_key):
        first, second = make(), make()

        with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
            type(second).objects.filter(pk=second.pk).update(
                **{field: getattr(first, field) for field in copied_fields}
            )

    @pytest.mark.parametrize(("constraint", "make", "copied_fields", "error_key"), unique_cases)
    def test_unique_constraint_is_enforced_by_full_clean(constraint, make, copied_fields, error_key):
        first, second = make(), make()
        for field in copied_fields:
            setattr(second, field, getattr(first, field))

        with pytest.raises(ValidationError) as excinfo:
            second.full_clean()

        assert error_key in excinfo.value.message_dict

    def test_every_named_constraint_of_the_app_has_a_database_case():
        named = {constraint.name for constraint in _constraints(app_label)}
        covered = {case.values[0] for case in check_cases + unique_cases}

        assert named == covered

    return {
        test.__name__: test
        for test in (
            test_check_constraint_rejects_bad_row_at_the_database,
            test_check_constraint_is_enforced_by_full_clean,
            test_unique_constraint_rejects_duplicate_at_the_database,
            test_unique_constraint_is_enforced_by_full_clean,
            test_every_named_constraint_of_the_app_has_a_database_case,
        )
    }
