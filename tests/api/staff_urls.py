"""A URLconf holding only the staff API, so `manage.py spectacular --urlconf` checks what /api/schema/ serves."""

from config.urls import staff_api_patterns as urlpatterns

__all__ = ["urlpatterns"]
