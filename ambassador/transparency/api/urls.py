from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from ambassador.core.api.docs import RedocDocsView, SwaggerDocsView

from . import views

app_name = "public-api"

router = SimpleRouter()
router.register("cities", views.CityViewSet, basename="cities")
router.register("organisations", views.OrganisationViewSet, basename="organisations")
router.register("people", views.PersonViewSet, basename="people")
router.register("memberships", views.MembershipViewSet, basename="memberships")
router.register("negotiations", views.NegotiationViewSet, basename="negotiations")
router.register("meetings", views.MeetingViewSet, basename="meetings")
router.register("commitments", views.CommitmentViewSet, basename="commitments")
router.register("commitment-updates", views.CommitmentUpdateViewSet, basename="commitment-updates")
router.register("lobbying-disclosures", views.LobbyingDisclosureViewSet, basename="lobbying-disclosures")
router.register("risk-assessments", views.RiskAssessmentViewSet, basename="risk-assessments")

# The schema covers only these endpoints, under their own prefix.
public_api_patterns = [path("api/public/v1/", include((router.urls, "public-api")))]


class PublicSchemaView(SpectacularAPIView):
    authentication_classes: tuple = ()
    permission_classes: tuple = ()
    patterns = public_api_patterns
    custom_settings = {
        "TITLE": "Tech ambassador record: public API",
        "DESCRIPTION": "Read-only, anonymous access to everything public: cities, organisations, public people "
        "and their memberships, announced negotiations, published meetings (restricted ones without minutes), "
        "commitments and their progress, lobbying disclosures and risk scores. Withheld records do not exist here.",
        "VERSION": "1.0.0",
        "SCHEMA_PATH_PREFIX": r"/api/public/v1",
    }


PUBLIC_TITLE = PublicSchemaView.custom_settings["TITLE"]

urlpatterns = [
    path("", views.PublicAPIRootView.as_view(), name="root"),
    path("schema/", PublicSchemaView.as_view(), name="schema"),
    path(
        "docs/",
        SwaggerDocsView.as_view(
            url_name="public-api:schema", title=PUBLIC_TITLE, authentication_classes=(), permission_classes=()
        ),
        name="docs",
    ),
    path(
        "redoc/",
        RedocDocsView.as_view(
            url_name="public-api:schema", title=PUBLIC_TITLE, authentication_classes=(), permission_classes=()
        ),
        name="redoc",
    ),
    *router.urls,
]
