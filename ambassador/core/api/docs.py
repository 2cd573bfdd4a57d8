"""Swagger UI and ReDoc pages for an OpenAPI schema, served from the project's own static files.

Both pages work under the site's Content-Security-Policy (``CONTENT_SECURITY_POLICY`` in
config/settings/base.py): Swagger UI loads its start-up script from a second request to the same
URL (``?script``) instead of an inline ``<script>``. ReDoc writes its styles into ``<style>``
elements at run time, so its page alone admits those that carry the response's nonce (ReDoc is
given it) or, for the two it writes before it can be given one, their exact content's hash; and it
runs its search index in a worker it builds from a ``blob:`` URL. ReDoc's menu also shows a logo
from redocly's CDN, which the policy refuses: the page makes no request to another host.
"""

from __future__ import annotations

from csp.constants import NONCE
from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """Swagger UI: the page, then its start-up script from the same URL with ``?script``."""

    template_name = "core/api/swagger_ui.html"


# The <style> elements the pinned ReDoc bundle (drf-spectacular-sidecar) writes as it loads, before
# Redoc.init hands it the nonce: an empty one, then perfect-scrollbar's fixed stylesheet. A newer
# bundle may change them; tests/browser/test_content_security_policy.py then names the new hash.
REDOC_STYLE_HASHES = [
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
]


@method_decorator(
    csp_update({"style-src": [NONCE, *REDOC_STYLE_HASHES], "worker-src": ["'self'", "blob:"]}), name="dispatch"
)
class RedocDocsView(SpectacularRedocView):
    """ReDoc, started by a static script that hands ReDoc the nonce its generated styles need."""

    template_name = "core/api/redoc.html"
