"""The staff API's one router: /api/v1/<plural-kebab-case>/."""

from rest_framework.routers import DefaultRouter

from ambassador.commitments.api.views import (
    CommitmentUpdateViewSet,
    CommitmentViewSet,
    MeetingViewSet,
    OverdueFlagViewSet,
)
from ambassador.core.api.tokens import ApiTokenViewSet
from ambassador.negotiations.api.views import NegotiationViewSet
from ambassador.risk.api.views import IndicatorVerdictViewSet, RiskAssessmentViewSet
from ambassador.stakeholders.api.views import CityViewSet, OrganisationViewSet, PersonViewSet

router = DefaultRouter()
router.register("cities", CityViewSet)
router.register("organisations", OrganisationViewSet)
router.register("people", PersonViewSet)
router.register("negotiations", NegotiationViewSet)
router.register("meetings", MeetingViewSet)
router.register("commitments", CommitmentViewSet)
router.register("commitment-updates", CommitmentUpdateViewSet)
router.register("overdue-flags", OverdueFlagViewSet)
router.register("risk-assessments", RiskAssessmentViewSet)
router.register("indicator-verdicts", IndicatorVerdictViewSet)
router.register("tokens", ApiTokenViewSet)

app_name = "api"
urlpatterns = router.urls
