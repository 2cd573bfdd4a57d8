"""API errors: bad input is a 400 naming the field, never a 500."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .throttling import brings_credentials, record_failed_credentials


def exception_handler(exc, context):
    """DRF's handler, plus Django's ValidationError and PermissionDenied raised by services.

    Credentials that were brought and refused are counted against the client's address
    (``ambassador.core.api.throttling``), whatever the authentication class that refused them.
    """
    request = context.get("request")
    if request is not None and (
        isinstance(exc, exceptions.AuthenticationFailed)
        or (isinstance(exc, exceptions.NotAuthenticated) and brings_credentials(request))
    ):
        record_failed_credentials(request)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {
                ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
                for field, messages in exc.message_dict.items()
            }
        else:
            detail = {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


def page_not_found(request, exception):
    """A 404 under /api/ is JSON, as every other answer of the APIs is (e.g. ``/api/v1/meetings/0.5/``).

    The rest of the site keeps its own page.
    """
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)
