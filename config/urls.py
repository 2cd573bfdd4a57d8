from django.contrib import admin
from django.urls import path

admin.site.site_header = "Tech ambassador record"
admin.site.site_title = "Tech ambassador record"
admin.site.index_title = "Negotiations, meetings and commitments"

urlpatterns = [
    path("admin/", admin.site.urls),
]
