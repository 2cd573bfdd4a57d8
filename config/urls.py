from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from ambassador.core.api.docs import RedocDocsView, SwaggerDocsView

admin.site.site_header = "Tech ambassador record"
admin.site.site_title = "Tech ambassador record"
admin.site.index_title = "Negotiations, meetings and commitments"

staff_api_patterns = [path("api/v1/", include("config.api_router"))]

urlpatterns = [
    # Risk assessments have their own section of the admin; links to the old one still arrive.
    re_path(
        r"^admin/stakeholders/riskassessment/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/risk/riskassessment/%(rest)s", permanent=True, query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("staff/", include("ambassador.transparency.staff.urls")),
    path("api/v1/", include("config.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(patterns=staff_api_patterns), name="api-schema"),
    path("api/docs/", SwaggerDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", RedocDocsView.as_view(url_name="api-schema"), name="api-redoc"),
]

# The public transparency site: English at /, other languages under their prefix (/vi/).
urlpatterns += [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/public/v1/", include("ambassador.transparency.api.urls")),
]
urlpatterns += i18n_patterns(path("", include("ambassador.transparency.urls")), prefix_default_language=False)
