from django.urls import path

from . import corrections, downloads, feeds, views

app_name = "transparency"

urlpatterns = [
    path("", views.home, name="home"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("cities/<slug:slug>/negotiations/", views.city_negotiations, name="city-negotiations"),
    path("companies/<slug:slug>/", views.company_detail, name="company"),
    path("negotiations/<slug:slug>/", views.negotiation_detail, name="negotiation"),
    path("negotiations/<slug:slug>/earlier/<int:notice_id>/", corrections.negotiation_earlier_version,
         name="negotiation-earlier-version"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/earlier/<int:notice_id>/", corrections.meeting_earlier_version,
         name="meeting-earlier-version"),
    path("corrections/", corrections.corrections, name="corrections"),
    path("commitments/", views.commitment_list, name="commitments"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment"),
    path("commitments/<int:pk>/earlier/<int:notice_id>/", corrections.commitment_earlier_version,
         name="commitment-earlier-version"),
    path("risk/", views.risk, name="risk"),
    path("risk/<slug:slug>/", views.company_risk, name="company-risk"),
    path("methodology/", views.methodology, name="methodology"),
    path("withheld/", views.withheld, name="withheld"),
    # Atom feeds
    path("feeds/meetings/", feeds.meetings_feed, name="feed-meetings"),
    path("feeds/cities/<slug:slug>/meetings/", feeds.city_meetings_feed, name="feed-city-meetings"),
    path("feeds/companies/<slug:slug>/meetings/", feeds.company_meetings_feed, name="feed-company-meetings"),
    path("feeds/overdue/", feeds.overdue_feed, name="feed-overdue"),
    path("feeds/corrections/", feeds.corrections_feed, name="feed-corrections"),
    # Open data
    path("data/", downloads.index, name="data"),
    path("data/popolo.json", downloads.popolo, name="data-popolo"),
    path("data/<slug:dataset>.<str:fmt>", downloads.dataset, name="data-download"),
]
