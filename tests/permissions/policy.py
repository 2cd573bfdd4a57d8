"""Who may do what, written out as a table: the policy the permission matrix holds the product to.

The table is the specification, written independently of the rules in
``ambassador/core/permissions.py``: for every model in the admin and every action, which roles may
act on which scope of record (see tests/permissions/conftest.py for the scopes). ``add`` takes no
record, so it lists roles. Anonymous visitors may do nothing, so they are not listed.
"""

from __future__ import annotations


def allow(**scopes_by_role: str) -> dict[str, set[str]]:
    """``allow(envoy="own", staff="own shared")`` -> ``{"envoy": {"own"}, "staff": {"own", "shared"}}``."""
    return {role: set(scopes.split()) for role, scopes in scopes_by_role.items()}


EVERY = ("own shared other unrecorded published staff_logged unannounced envoy_owned staff_owned standalone "
         "other_standalone")
NOBODY: dict[str, set[str]] = {}
SUPERUSER_ONLY = allow(superuser=EVERY)
# ``standalone``: a meeting of the user's city outside any negotiation, which only meetings have.
OWN_CITY = allow(envoy="own published staff_logged standalone", staff="own published staff_logged standalone",
                 superuser=EVERY)


def reviewed(*, delete_by_envoy: str) -> dict:
    return {
        "view": OWN_CITY,
        "add": {"envoy", "staff", "superuser"},
        "change": OWN_CITY,
        "delete": allow(envoy=delete_by_envoy, staff="own published staff_logged standalone", superuser=EVERY),
        "submit": OWN_CITY,
        # Released by council staff, never by the person who logged the record.
        "publish": allow(staff="own published standalone", superuser=EVERY),
        "return": allow(envoy=delete_by_envoy, staff="own published staff_logged standalone", superuser=EVERY),
    }


JOB_WRITTEN = {
    "view": allow(envoy="own", staff="own", superuser=EVERY),
    "add": set(),
    "change": NOBODY,
    "delete": NOBODY,
}

POLICY: dict[str, dict] = {
    "stakeholders.city": {
        "view": allow(envoy="own", staff="own", superuser=EVERY),
        "add": {"superuser"},
        "change": SUPERUSER_ONLY,
        "delete": SUPERUSER_ONLY,
    },
    "stakeholders.citymembership": {
        "view": SUPERUSER_ONLY, "add": {"superuser"}, "change": SUPERUSER_ONLY, "delete": SUPERUSER_ONLY,
    },
    # Shared reference records: every city sees them; an envoy changes only what their city recorded,
    # and who an organisation is (name, kind, register id, parent) is changed by council staff.
    "stakeholders.organisation": {
        "view": allow(envoy="own shared unrecorded", staff="own shared unrecorded", superuser=EVERY),
        "add": {"envoy", "staff", "superuser"},
        "change": allow(envoy="own", staff="own shared unrecorded", superuser=EVERY),
        "delete": allow(envoy="own", staff="own", superuser=EVERY),
        "change_identity": allow(staff="own shared unrecorded", superuser=EVERY),
    },
    "stakeholders.person": {
        "view": allow(envoy="own shared", staff="own shared", superuser=EVERY),
        "add": {"envoy", "staff", "superuser"},
        "change": allow(envoy="own", staff="own", superuser=EVERY),
        "delete": allow(envoy="own", staff="own", superuser=EVERY),
    },
    "stakeholders.affiliation": {
        "view": allow(envoy="own shared", staff="own shared", superuser=EVERY),
        "add": {"envoy", "staff", "superuser"},
        "change": allow(envoy="own", staff="own", superuser=EVERY),
        "delete": allow(envoy="own", staff="own", superuser=EVERY),
    },
    "stakeholders.lobbyingdisclosure": {
        "view": allow(envoy="own shared", staff="own shared", superuser=EVERY),
        "add": {"envoy", "staff", "superuser"},
        "change": allow(envoy="own", staff="own shared", superuser=EVERY),
        "delete": allow(envoy="own", staff="own shared", superuser=EVERY),
    },
    "negotiations.topic": {
        "view": allow(envoy="shared", staff="shared", superuser=EVERY),
        "add": {"staff", "superuser"},
        "change": allow(staff="shared", superuser=EVERY),
        "delete": allow(staff="shared", superuser=EVERY),
    },
    "negotiations.negotiation": {
        "view": allow(envoy="own unannounced", staff="own unannounced", superuser=EVERY),
        "add": {"envoy", "staff", "superuser"},
        "change": allow(envoy="own unannounced", staff="own unannounced", superuser=EVERY),
        "delete": allow(staff="own unannounced", superuser=EVERY),
        "submit": allow(envoy="own unannounced", staff="own unannounced", superuser=EVERY),
        # An envoy withdraws a proposal; an announcement is withdrawn by council staff.
        "announce": allow(staff="own unannounced", superuser=EVERY),
        "return": allow(envoy="unannounced", staff="own unannounced", superuser=EVERY),
    },
    "negotiations.meeting": reviewed(delete_by_envoy="own staff_logged standalone"),
    "commitments.commitment": reviewed(delete_by_envoy="own staff_logged"),
    "commitments.commitmentupdate": {
        **reviewed(delete_by_envoy="own staff_logged"),
        # A logged update is not edited; a new one corrects it.
        "change": NOBODY,
    },
    "commitments.overdueflag": JOB_WRITTEN,
    "commitments.notification": JOB_WRITTEN,
    "risk.riskassessment": JOB_WRITTEN,
    # Reviewers' verdicts on the indicators that fired: council staff judge their city's scores and the
    # overall ones (``shared``); envoys see none; a verdict is replaced by a later one, never deleted.
    "risk.indicatorverdict": {
        "view": allow(staff="own shared", superuser=EVERY),
        "add": {"staff", "superuser"},
        "change": allow(staff="own shared", superuser=EVERY),
        "delete": NOBODY,
    },
    "auth.user": {"view": SUPERUSER_ONLY, "add": {"superuser"}, "change": SUPERUSER_ONLY, "delete": SUPERUSER_ONLY},
    "auth.group": {"view": SUPERUSER_ONLY, "add": {"superuser"}, "change": SUPERUSER_ONLY,
                   "delete": SUPERUSER_ONLY},
    # Each user enrols their own through their two-factor page; superusers see and reset them.
    "otp_totp.totpdevice": {"view": SUPERUSER_ONLY, "add": set(), "change": NOBODY, "delete": SUPERUSER_ONLY},
    "otp_static.staticdevice": {"view": SUPERUSER_ONLY, "add": set(), "change": NOBODY, "delete": SUPERUSER_ONLY},
    # A staff API token is its owner's (and a superuser's) alone; its key is never changed.
    "core.apitoken": {
        "view": allow(envoy="envoy_owned", staff="staff_owned", superuser=EVERY),
        "add": {"envoy", "staff", "superuser"},
        "change": NOBODY,
        "delete": allow(envoy="envoy_owned", staff="staff_owned", superuser=EVERY),
    },
    # Login attempts and lockouts (django-axes): superusers see them and unlock by deleting attempts;
    # nobody edits them, and the logs are kept.
    "axes.accessattempt": {"view": SUPERUSER_ONLY, "add": set(), "change": NOBODY, "delete": SUPERUSER_ONLY},
    "axes.accesslog": {"view": SUPERUSER_ONLY, "add": set(), "change": NOBODY, "delete": NOBODY},
    "axes.accessfailurelog": {"view": SUPERUSER_ONLY, "add": set(), "change": NOBODY, "delete": NOBODY},
}

# The actions the admin asks through ``has_<action>_permission``; the others are asked of the rules.
ADMIN_ACTIONS = ("view", "change", "delete")
