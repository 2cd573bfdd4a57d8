"""``manage.py compile_translations``: build the .mo catalogues from the committed .po files.

Django's ``compilemessages`` needs GNU gettext's ``msgfmt``; this does the same in Python (polib),
so a fresh checkout builds with nothing but Python. A catalogue is rebuilt only when its .po is
newer than its .mo.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues() -> list[Path]:
    return sorted(
        po for locale_path in settings.LOCALE_PATHS for po in Path(locale_path).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalogue(po_path: Path, *, force: bool = False) -> bool:
    """Writes ``po_path``'s .mo beside it; returns whether it was (re)built."""
    mo_path = po_path.with_suffix(".mo")
    if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return False
    try:
        catalogue = polib.pofile(str(po_path))
    except (OSError, ValueError) as error:
        raise CommandError(f"{po_path}: {error}") from error
    catalogue.save_as_mofile(str(mo_path))
    return True


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po) under LOCALE_PATHS into .mo files, without gettext."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rebuild every catalogue, even if up to date.")

    def handle(self, *args, force: bool = False, **options):
        built = [po for po in catalogues() if compile_catalogue(po, force=force)]
        for po in built:
            self.stdout.write(f"compiled {po.with_suffix('.mo')}")
        if options["verbosity"] > 0 and not built:
            self.stdout.write("translations are up to date")
