"""Celery application for the ambassador project.

Settings come from Django settings with the ``CELERY_`` prefix, so the broker and the
reliability options live next to the rest of the configuration.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("ambassador")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
