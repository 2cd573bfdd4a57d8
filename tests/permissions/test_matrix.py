"""The permission matrix: every model in the admin and every staff API endpoint, for every role, action
and scope of record, held to the policy table in tests/permissions/policy.py.

The models and endpoints come from the admin registry and the API router, so a new one that is
not in the policy fails the first test, and cannot escape the rest.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import transaction
from django.forms.models import model_to_dict
from django.test import Client, RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from config.api_router import router

from .conftest import ROLES
from .policy import ADMIN_ACTIONS, POLICY

pytestmark = pytest.mark.django_db


def _label(model) -> str:
    return model._meta.label_lower


def _expected(policy: dict, action: str, role: str, scope: str) -> bool:
    return scope in policy.get(action, {}).get(role, set())


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _snapshot(obj) -> dict:
    pk = obj._meta.pk  # (a token's ``pk`` property is its user's id; its primary key is the key)
    fresh = type(obj)._default_manager.filter(**{pk.name: getattr(obj, pk.attname)}).first()
    return None if fresh is None else model_to_dict(fresh)


# --- the registry and the router are covered ----------------------------------------------------------------------


def test_every_admin_model_and_api_endpoint_is_in_the_policy():
    in_admin = {_label(model) for model in admin.site._registry}
    in_api = {_label(viewset.queryset.model) for _, viewset, _ in router.registry}

    assert in_admin == set(POLICY), "a model in the admin has no line in the permission policy (or the reverse)"
    assert in_api <= set(POLICY)


def test_the_world_has_a_record_of_every_model_in_the_policy(world):
    assert set(world.records) == set(POLICY)


# --- the admin asks the rules -------------------------------------------------------------------------------------


@pytest.mark.parametrize("label", sorted(POLICY))
def test_the_admin_allows_exactly_what_the_policy_says(world, label):
    policy = POLICY[label]
    model_admin = next(ma for model, ma in admin.site._registry.items() if _label(model) == label)
    wrong = []
    for role in ROLES:
        request = _request(world.users[role])
        if model_admin.has_add_permission(request) != (role in policy["add"]):
            wrong.append((role, "add"))
        for scope, record in world.records[label].items():
            for action in ADMIN_ACTIONS:
                allowed = getattr(model_admin, f"has_{action}_permission")(request, record)
                if allowed != _expected(policy, action, role, scope):
                    wrong.append((role, action, scope, allowed))
    assert wrong == []


@pytest.mark.parametrize(
    ("label", "action"),
    [(label, action) for label, actions in sorted(POLICY.items()) for action in actions
     if action not in (*ADMIN_ACTIONS, "add")],
)
def test_workflow_actions_follow_the_policy(world, label, action):
    app_label, model_name = label.split(".")
    wrong = []
    for role in ROLES:
        user = world.users[role]
        for scope, record in world.records[label].items():
            allowed = user.has_perm(f"{app_label}.{action}_{model_name}", record)
            if allowed != _expected(POLICY[label], action, role, scope):
                wrong.append((role, scope, allowed))
    assert wrong == []


@pytest.mark.parametrize("label", sorted(POLICY))
def test_admin_pages_and_forged_posts_follow_the_policy(world, label):
    """Every record's change and delete pages, and an empty forged POST to each, for every role."""
    policy = POLICY[label]
    wrong = []
    for role in ("envoy", "staff", "superuser"):
        client = Client()
        client.force_login(world.users[role])
        for scope, record in world.records[label].items():
            opts = record._meta
            change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
            delete_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[record.pk])
            may_view = _expected(policy, "view", role, scope)
            may_change = _expected(policy, "change", role, scope)
            may_delete = _expected(policy, "delete", role, scope)

            status = client.get(change_url).status_code
            if (status == 200) != may_view or status not in (200, 403, 404):
                wrong.append((role, scope, "GET change", status))

            before = _snapshot(record)
            status = client.post(change_url, {}).status_code
            if may_change and status != 200 or not may_change and status not in (403, 404):
                wrong.append((role, scope, "forged POST change", status))
            if _snapshot(record) != before:
                wrong.append((role, scope, "forged POST changed the record"))

            status = client.get(delete_url).status_code
            if (status == 200) != may_delete or status not in (200, 403, 404):
                wrong.append((role, scope, "GET delete", status))
            if not may_delete:
                client.post(delete_url, {"post": "yes"})
                if _snapshot(record) is None:
                    wrong.append((role, scope, "forged POST deleted the record"))
    assert wrong == []


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_admin_page(world):
    client = Client()
    for label, records in world.records.items():
        for record in records.values():
            opts = record._meta
            response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk]))
            assert response.status_code == 302, label
            assert response["Location"].startswith(reverse("admin:login"))


# --- the staff API asks the rules ---------------------------------------------------------------------------------

ENDPOINTS = [(prefix, viewset) for prefix, viewset, _ in router.registry]


def _api_client(user) -> APIClient:
    client = APIClient()
    if user.is_authenticated:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize(("prefix", "viewset"), ENDPOINTS, ids=[prefix for prefix, _ in ENDPOINTS])
def test_every_endpoint_reads_what_the_policy_lets_each_role_see(world, prefix, viewset):
    label = _label(viewset.queryset.model)
    wrong = []
    for role in ROLES:
        client = _api_client(world.users[role])
        status = client.get(f"/api/v1/{prefix}/").status_code
        if (status == 200) != (role != "anonymous"):
            wrong.append((role, "list", status))
        for scope, record in world.records[label].items():
            status = client.get(f"/api/v1/{prefix}/{record.pk}/").status_code
            may_view = _expected(POLICY[label], "view", role, scope)
            expected = 200 if may_view else (401 if role == "anonymous" else 404)
            if status != expected:
                wrong.append((role, scope, "detail", status))
    assert wrong == []


@pytest.mark.parametrize(("prefix", "viewset"), ENDPOINTS, ids=[prefix for prefix, _ in ENDPOINTS])
def test_every_endpoint_writes_only_what_the_policy_allows(world, prefix, viewset):
    """An empty POST is a 400 for a role that may add, a 403 for one that may not; PUT and PATCH are refused,
    and DELETE too unless the endpoint deletes and the policy lets the role delete the record. An anonymous
    visitor is asked to authenticate (401)."""
    label = _label(viewset.queryset.model)
    creates = hasattr(viewset, "create")
    wrong = []
    for role in ROLES:
        client = _api_client(world.users[role])
        status = client.post(f"/api/v1/{prefix}/", {}, format="json").status_code
        if role == "anonymous":
            expected = {401}
        elif not creates:
            expected = {403, 405}
        else:
            expected = {400} if role in POLICY[label]["add"] else {403}
        if status not in expected:
            wrong.append((role, "POST", status))
        for scope, record in world.records[label].items():
            for method in ("put", "patch", "delete"):
                deletes = method == "delete" and hasattr(viewset, "destroy") and role != "anonymous"
                # A deletion is rolled back, so the next role finds the record again.
                with transaction.atomic():
                    status = getattr(client, method)(f"/api/v1/{prefix}/{record.pk}/", {}, format="json").status_code
                    transaction.set_rollback(True)
                if role == "anonymous":
                    expected = {401}
                elif deletes and _expected(POLICY[label], "delete", role, scope):
                    expected = {204}
                else:
                    expected = {403, 404, 405}
                if status not in expected:
                    wrong.append((role, scope, method, status))
    assert wrong == []


WORKFLOW_ENDPOINTS = [
    (prefix, url_path, action)
    for prefix, viewset, _ in router.registry
    for url_path, action in (
        (extra.url_path, getattr(viewset, "action_permissions", {}).get(extra.__name__))
        for extra in viewset.get_extra_actions()
    )
    if action
]


@pytest.mark.parametrize(("prefix", "url_path", "action"), WORKFLOW_ENDPOINTS)
def test_every_workflow_endpoint_asks_the_rule_of_its_action(world, prefix, url_path, action):
    viewset = next(v for p, v, _ in router.registry if p == prefix)
    label = _label(viewset.queryset.model)
    wrong = []
    for role in ROLES:
        client = _api_client(world.users[role])
        for scope, record in world.records[label].items():
            status = client.post(f"/api/v1/{prefix}/{record.pk}/{url_path}/", {"reason": "A check."},
                                 format="json").status_code
            if role == "anonymous":
                expected = {401}
            elif _expected(POLICY[label], action, role, scope):
                expected = {200, 400}  # allowed; the record's state may still refuse the step
            elif _expected(POLICY[label], "view", role, scope):
                expected = {403}
            else:
                expected = {404}
            if status not in expected:
                wrong.append((role, scope, status))
    assert wrong == []
