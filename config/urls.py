from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = "Tech ambassador record"
admin.site.site_title = "Tech ambassador record"
admin.site.index_title = "Negotiations, meetings and commitments"

staff_api_patterns = [path("api/v1/", include("config.api_router"))]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("staff/", include("ambassador.transparency.staff.urls")),
    path("api/v1/", include("config.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(patterns=staff_api_patterns), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

# The public transparency site: English at /, other languages under their prefix (/vi/).
urlpatterns += [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/public/v1/", include("ambassador.transparency.api.urls")),
]
urlpatterns += i18n_patterns(path("", include("ambassador.transparency.urls")), prefix_default_language=False)
