"""Swagger UI and ReDoc pages for an OpenAPI schema, served from the project's own static files.

Both pages work under the site's Content-Security-Policy (``CONTENT_SECURITY_POLICY`` in
config/settings/base.py): Swagger UI loads its start-up script from a second request to the same
URL (``?script``) instead of an inline ``<script>``; ReDoc generates its styles at run time, so its
page alone allows ``<style>`` elements that carry the response's nonce, which ReDoc is given.
"""

from __future__ import annotations

from csp.constants import NONCE
from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """Swagger UI: the page, then its start-up script from the same URL with ``?script``."""

    template_name = "api_docs/swagger_ui.html"


@method_decorator(csp_update({"style-src": [NONCE]}), name="dispatch")
class RedocDocsView(SpectacularRedocView):
    """ReDoc, started by a static script that hands ReDoc the nonce its generated styles need."""

    template_name = "api_docs/redoc.html"
