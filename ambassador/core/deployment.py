"""Start-up checks for a deployed site: static files must have been collected before it serves.

With a manifest storage (production: WhiteNoise's CompressedManifestStaticFilesStorage) every
``{% static %}`` looks the file up in the manifest ``collectstatic`` writes; without it, or with a
file missing from it, every page that links a stylesheet answers 500. The WSGI application
(config/wsgi.py) therefore refuses to start instead, saying what to run, and
``manage.py check --deploy`` reports the same problem (``core.E001``).
"""

from __future__ import annotations

from django.conf import STATICFILES_STORAGE_ALIAS, settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

# collectstatic's default ignore patterns: files it never copies, so never in the manifest.
IGNORE_PATTERNS = ["CVS", ".*", "*~"]


def _uncollected_files(storage: ManifestFilesMixin) -> list[str]:
    """Static files the finders know of that the manifest does not list."""
    manifest, _manifest_hash = storage.load_manifest()
    missing = []
    for finder in finders.get_finders():
        for path, _source in finder.list(IGNORE_PATTERNS):
            if storage.hash_key(storage.clean_name(path)) not in manifest:
                missing.append(path)
    return sorted(set(missing))


def static_files_problem() -> str | None:
    """Why pages would fail for want of collected static files, or None when they will not."""
    command = "run `python manage.py collectstatic --noinput`"
    where = f"(STATIC_ROOT={settings.STATIC_ROOT})"
    try:
        # A new instance, so the manifest is read now, not when this process first used it.
        storage = storages.create_storage(settings.STORAGES[STATICFILES_STORAGE_ALIAS])
    except ValueError as error:  # a manifest storage reads its manifest when it is made
        return f"Static files cannot be used ({error}): {command} {where}"
    if settings.DEBUG or not isinstance(storage, ManifestFilesMixin):
        return None  # without a manifest, or in debug, static URLs need no collected files
    if not storage.manifest_storage.exists(storage.manifest_name):
        return f"Static files have not been collected: {command} {where}"
    missing = _uncollected_files(storage)
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        return f"Static files are out of date, {shown} not collected: {command} {where}"
    return None


def ensure_static_files_collected() -> None:
    """Raises ImproperlyConfigured, saying what to run, when static files have not been collected."""
    problem = static_files_problem()
    if problem:
        raise ImproperlyConfigured(problem)


@checks.register(checks.Tags.staticfiles, deploy=True)
def check_static_files_collected(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    problem = static_files_problem()
    return [checks.Error(problem, id="core.E001")] if problem else []
