"""Two factors for the logins that open the staff tools: a TOTP authenticator app and recovery codes.

The devices are django-otp's: one ``TOTPDevice`` (the authenticator app) and one ``StaticDevice``
holding the recovery codes, each usable once. A session has passed the second factor when
django-otp's ``OTPMiddleware`` finds the device that verified it (``user.is_verified()``).

``settings.AMBASSADOR_REQUIRE_TWO_FACTOR`` decides whether every login needs a second factor
(production settings) or only the logins that have enrolled one (local and test settings). A
login with a device always gives its code, whatever the setting.
"""

from __future__ import annotations

import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.safestring import mark_safe
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
# An authenticator app's code: six digits. Anything else is tried as a recovery code.
_TOTP_CODE = re.compile(r"[0-9]{6}")


def is_required() -> bool:
    """Whether every login of the staff tools needs a second factor."""
    return bool(getattr(settings, "AMBASSADOR_REQUIRE_TWO_FACTOR", True))


def has_device(user) -> bool:
    """Whether the user has a confirmed authenticator or recovery codes."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_has_two_factor_device", None)
    if cached is None:
        # One query for both kinds of device: it runs on every staff request of an unverified session.
        cached = get_user_model()._default_manager.filter(
            Q(totpdevice__confirmed=True) | Q(staticdevice__confirmed=True), pk=user.pk,
        ).exists()
        user._has_two_factor_device = cached
    return cached


def needs_second_factor(user) -> bool:
    """Whether this login must give a code: always when required, otherwise once it has a device."""
    return is_required() or has_device(user)


def is_verified(user) -> bool:
    """Whether the session of ``request.user`` was verified by one of the user's devices (OTPMiddleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check is not None and check())


def passed_second_factor(user) -> bool:
    """Whether a logged-in ``request.user`` may use the staff tools as far as the second factor goes."""
    if user is None or not user.is_authenticated:
        return False
    return is_verified(user) or not needs_second_factor(user)


# --- the devices --------------------------------------------------------------------------------------------------


def authenticator_of(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def authenticator_to_confirm(*, user) -> TOTPDevice:
    """The authenticator being enrolled: the same secret until it is confirmed, so a reload shows the same code."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The secret as an authenticator app takes it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[index:index + 4] for index in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an inline SVG QR code: no script, no style, no request."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    root = image.get_image()
    root.set("width", "200")
    root.set("height", "200")
    root.set("class", "two-factor-qr")
    root.set("role", "img")
    root.set("aria-label", "QR code of the authenticator secret")
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 - drawn here by the QR library, no input


def normalise_code(value: str) -> str:
    """A code as typed (``123 456``, ``ABCD-EFGH``) as stored (``123456``, ``abcdefgh``)."""
    return re.sub(r"[\s-]", "", value).lower()


def is_totp_code(code: str) -> bool:
    return bool(_TOTP_CODE.fullmatch(code))


def verify_code(*, user, code: str):
    """The confirmed device that accepts ``code`` (a six-digit code or an unused recovery code), or None.

    Returns ``(device, locked_until)``: ``locked_until`` is set when the device refuses to check
    codes for a while after repeated wrong ones (django-otp's throttling).
    """
    code = normalise_code(code)
    kind = TOTPDevice if is_totp_code(code) else StaticDevice
    locked_until = None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if not isinstance(device, kind):
                continue
            allowed, details = device.verify_is_allowed()
            if not allowed:
                locked_until = (details or {}).get("locked_until")
                continue
            if device.verify_token(code):
                return device, None
    return None, locked_until


@transaction.atomic
def authenticator_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the enrolled authenticator with a code from the app; returns a new set of recovery codes.

    Returns None when the code is wrong. Any other authenticator of the user is removed: a login
    has one.
    """
    code = normalise_code(code)
    if not is_totp_code(code) or not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    _forget_devices(device.user)
    return recovery_codes_renew(user=device.user)


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """A new set of recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def two_factor_remove(*, user) -> None:
    """Removes the user's authenticator and recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _forget_devices(user)


def _forget_devices(user) -> None:
    if getattr(user, "_has_two_factor_device", None) is not None:
        user._has_two_factor_device = None

