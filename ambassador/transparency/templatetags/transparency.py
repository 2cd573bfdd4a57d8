"""Template helpers for the public site: the language switcher and small formatting filters."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.inclusion_tag("transparency/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in each language; a set_language form where the URL has no language.

    Public pages are under ``i18n_patterns``, so the switch is a plain link (no JavaScript, no
    cookie, cacheable). Pages outside them (the admin, the staff dashboard) fall back to Django's
    ``set_language`` view, which stores the choice in a cookie.
    """
    request = context.get("request")
    current = translation.get_language()
    path = request.get_full_path() if request else "/"
    links = []
    translatable = False
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        if code != current and url != path:
            translatable = True
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links, "translatable": translatable, "next": path, "request": request,
            "csrf_token": context.get("csrf_token")}


@register.filter
def number(value):
    """A number in the reader's locale, grouped by thousands (1,250,000 / 1.250.000); anything else as is."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return floatformat(value, "-2g")
