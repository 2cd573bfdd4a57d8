"""Language selection: the public site takes its language from the URL, everything else negotiates."""

from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation

# URL namespaces of the public site, whose pages are the same for everyone at one address.
PUBLIC_NAMESPACES = {"transparency"}


def is_public_site(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return bool(PUBLIC_NAMESPACES & set(match.namespaces))


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that only the public site ignores cookies and browser settings.

    The public site is under ``i18n_patterns`` without a prefix for English (``/cities/x/`` is
    English, ``/vi/cities/x/`` Vietnamese), so a cached page is the same for every reader. Django
    then activates English for every unprefixed path, including the admin and the staff
    dashboard; those keep choosing from the language cookie and Accept-Language instead.
    """

    def process_request(self, request):
        super().process_request(request)
        if translation.get_language_from_path(request.path_info) or is_public_site(request.path_info):
            return
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
