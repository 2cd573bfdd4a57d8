"""Every response carries a Content-Security-Policy that admits no inline script or style, and the
project's templates and rendered HTML need none; the API docs come from the project's static files."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from ambassador.core.charts import Bar, Series, bar_chart, line_chart, stacked_bar_chart, stacked_column_chart
from ambassador.stakeholders.factories import EnvoyUserFactory

APPS_DIR = Path(settings.BASE_DIR) / "ambassador"

# Anything the policy refuses when it appears in markup: an inline <script> (one without src), a
# <style> element, a style="..." attribute, an on...="..." event handler or a javascript: URL.
INLINE_CODE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style[\s>]|\sstyle\s*=|\son[a-z]+\s*=|javascript:", re.IGNORECASE
)


def parse_policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class ScriptsAndStyles(HTMLParser):
    """Collects each <script>'s attributes and text, and every <style> element and style attribute."""

    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []
        self.inline_styles: list[str] = []
        self.urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [attrs[name] for name in ("src", "href") if name in attrs]
        if "style" in attrs:
            self.inline_styles.append(f"<{tag} style={attrs['style']!r}>")
        if tag == "style":
            self.inline_styles.append("<style>")
        if tag == "script":
            self.scripts.append({**attrs, "text": ""})
            self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1]["text"] += data


def parsed(response) -> ScriptsAndStyles:
    parser = ScriptsAndStyles()
    parser.feed(response.content.decode())
    return parser


def test_the_policy_admits_scripts_and_styles_from_the_site_alone():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]

    assert directives["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert directives[directive] == ["'self'"], directive
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]


def test_no_template_has_an_inline_script_style_or_event_handler():
    offenders = [
        f"{path.relative_to(APPS_DIR)}:{number}: {line.strip()}"
        for path in sorted(APPS_DIR.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if INLINE_CODE.search(line)
    ]

    assert offenders == []


def html_in_python(path: Path):
    """Each string literal of a module that is not a docstring, with its line number."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_no_python_module_renders_an_inline_script_style_or_event_handler():
    offenders = [
        f"{path.relative_to(APPS_DIR)}:{number}: {text}"
        for path in sorted(APPS_DIR.rglob("*.py"))
        if "migrations" not in path.parts
        for number, text in html_in_python(path)
        if INLINE_CODE.search(text)
    ]

    assert offenders == []


@pytest.mark.parametrize(
    "svg",
    [
        bar_chart([Bar("Exploring", 3), Bar("Agreed", 1)], title="Stages"),
        stacked_bar_chart([("Data", [2, 1])], series=["Companies", "Unions"], title="Balance"),
        line_chart([("Jan", 1), ("Feb", 3)], title="Kept", description="Kept over time", chart_id="kept"),
        stacked_column_chart(
            [("January 2025", "Jan", [1, 2])], series=[Series("Company", "#000"), Series("Union", "#111")],
            title="Meetings", description="Meetings per month", chart_id="meetings",
        ),
    ],
    ids=["bar", "stacked-bar", "line", "stacked-column"],
)
def test_charts_are_sized_without_a_style_attribute(svg):
    assert not INLINE_CODE.search(svg), svg
    assert 'class="chart"' in svg


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/commitments/", "/admin/login/", "/api/docs/", "/api/redoc/", "/api/public/v1/", "/nowhere/"]
)
def test_every_response_carries_the_policy(client, path):
    response = client.get(path)

    directives = parse_policy(response["Content-Security-Policy"])
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives[directive]
        assert "'unsafe-eval'" not in directives[directive]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/docs/", "/api/public/v1/docs/"])
def test_swagger_ui_loads_every_script_from_the_site(client, path):
    client.force_login(EnvoyUserFactory())

    page = client.get(path)

    assert page.status_code == 200
    html = parsed(page)
    assert html.inline_styles == []
    assert [script["text"].strip() for script in html.scripts] == ["", "", ""]
    sources = [script["src"] for script in html.scripts]
    assert sources[:2] == [
        f"{settings.STATIC_URL}drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        f"{settings.STATIC_URL}drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
    ]
    start_up = client.get(sources[2])
    assert start_up.status_code == 200
    assert start_up["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in start_up.content.decode()
    assert all(url.startswith("/") and not url.startswith("//") for url in html.urls), html.urls  # no CDN


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "schema"), [("/api/redoc/", "/api/schema/"), ("/api/public/v1/redoc/", "/api/public/v1/schema/")]
)
def test_redoc_is_started_by_a_static_script_holding_the_responses_nonce(client, path, schema):
    client.force_login(EnvoyUserFactory())

    page = client.get(path)

    assert page.status_code == 200
    html = parsed(page)
    assert html.inline_styles == []
    assert all(script["text"].strip() == "" for script in html.scripts)
    assert [script["src"] for script in html.scripts] == [
        f"{settings.STATIC_URL}drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js",
        f"{settings.STATIC_URL}js/redoc-init.js",
    ]
    nonce = html.scripts[1]["nonce"]
    assert len(nonce) >= 16
    # ReDoc's generated <style> elements carry this nonce; nothing else inline is admitted.
    directives = parse_policy(page["Content-Security-Policy"])
    assert directives["style-src"][:2] == ["'self'", f"'nonce-{nonce}'"]
    assert all(source.startswith("'sha256-") for source in directives["style-src"][2:])
    assert directives["worker-src"] == ["'self'", "blob:"]
    assert directives["img-src"] == ["'self'", "data:"]
    assert f'data-schema-url="{schema}"' in page.content.decode()
    assert all(url.startswith("/") and not url.startswith("//") for url in html.urls), html.urls  # no CDN


@pytest.mark.django_db
def test_the_public_api_docs_need_no_login(client):
    assert client.get("/api/public/v1/docs/").status_code == 200
    assert client.get("/api/public/v1/docs/?script").status_code == 200
    assert client.get("/api/public/v1/redoc/").status_code == 200
