"""English and Vietnamese: complete catalogues, localised dates, a switcher that needs no JavaScript."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from .conftest import body_of

pytestmark = pytest.mark.django_db

# Sources of the public site's strings: its own code and templates, the shared layout, and the choice labels.
PUBLIC_SOURCES = re.compile(r"ambassador/(transparency/|templates/|\w+/choices\.py)")


def _entries(po_path: Path):
    """(msgid, translated?, fuzzy?, locations) for each entry of a .po file, header excluded."""
    text = po_path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        if not lines or all(line.startswith("#~") for line in lines):
            continue
        locations = " ".join(line for line in lines if line.startswith("#:"))
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        body = "\n".join(line for line in lines if not line.startswith("#"))
        msgid = "".join(re.findall(r'"(.*)"', body.split("msgid_plural")[0].split("msgstr")[0]))
        strings = re.findall(r'msgstr(?:\[\d+\])? ((?:".*"\n?)+)', body + "\n")
        translated = all("".join(re.findall(r'"(.*)"', s)) for s in strings) and bool(strings)
        if msgid:
            yield msgid, translated, fuzzy, locations


def _catalogue(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def test_every_string_of_the_catalogue_is_translated_into_vietnamese():
    entries = list(_entries(_catalogue("vi")))
    assert len([e for e in entries if PUBLIC_SOURCES.search(e[3])]) > 300
    untranslated = [msgid for msgid, translated, fuzzy, _ in entries if not translated or fuzzy]
    assert untranslated == []


def test_languages_are_english_and_vietnamese():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "vi"]


@pytest.mark.parametrize("url", ["/vi/", "/vi/commitments/", "/vi/withheld/", "/vi/methodology/", "/vi/data/"])
def test_vietnamese_pages_read_in_vietnamese(client, world, url):
    body = body_of(client.get(url))
    assert '<html lang="vi">' in body
    assert "Hồ sơ đại sứ công nghệ" in body
    assert "Skip to content" not in body


def test_dates_and_numbers_are_localised(client, world):
    body = body_of(client.get(f"/vi/meetings/{world.public_meeting.pk}/"))
    assert "tháng 3 năm 2025" in body
    assert "10:30" in body
    body = body_of(client.get(f"/vi/negotiations/{world.negotiation.slug}/"))
    assert "Quá hạn" in body


def test_switcher_links_to_the_same_page_in_each_language(client, world):
    body = body_of(client.get(f"/commitments/?city={world.city.slug}"))
    assert f'href="/vi/commitments/?city={world.city.slug}"' in body
    assert 'hreflang="vi"' in body


def test_pages_outside_the_public_site_switch_with_a_form_and_keep_negotiating(client, world):
    response = client.post("/i18n/setlang/", {"language": "vi", "next": "/admin/login/"})
    assert response.status_code == 302
    assert '<html lang="vi"' in body_of(client.get("/admin/login/"))
    # The public site still answers in the language of its URL.
    assert '<html lang="en">' in body_of(client.get("/"))
