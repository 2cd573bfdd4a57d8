"""The WSGI application gunicorn serves (config/gunicorn.py). Production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Refuse to start, saying to run collectstatic, rather than answer 500 on every page.
from ambassador.core.deployment import ensure_static_files_collected  # noqa: E402

ensure_static_files_collected()
