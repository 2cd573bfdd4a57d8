from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = "Tech ambassador record"
admin.site.site_title = "Tech ambassador record"
admin.site.index_title = "Negotiations, meetings and commitments"

staff_api_patterns = [path("api/v1/", include("config.api_router"))]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(patterns=staff_api_patterns), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
