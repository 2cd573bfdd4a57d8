"""Atom feeds: newly published meetings (all, per city, per company), newly overdue commitments, and corrections.

Items come from the same redaction as the pages (``public.present_meeting``): a restricted
meeting's item carries its subject, date and parties, never its minutes.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ambassador.stakeholders.models import City, Organisation

from . import corrections, public
from .caching import public_page

ITEMS = 50


class MeetingsFeed(Feed):
    feed_type = Atom1Feed

    def title(self, obj=None):
        return _("Newly published meetings")

    def subtitle(self, obj=None):
        return _("Meetings of cities' tech envoys with technology companies, and with unions, civil society and "
                 "academics, as they are published.")

    def link(self, obj=None):
        return reverse("transparency:home")

    def meetings(self, obj):
        return public.public_meetings()

    def items(self, obj=None):
        return [public.present_meeting(m) for m in self.meetings(obj).order_by("-published_at", "-pk")[:ITEMS]]

    def item_title(self, item):
        return f"{item.subject} ({', '.join([item.city.name, *item.counterparts])})"

    def item_description(self, item):
        local = item.local_starts_at
        parts = [
            _("Date: %(date)s (%(zone)s)") % {"date": local.strftime("%Y-%m-%d %H:%M"), "zone": item.time_zone},
            _("Organisations present: %(names)s") % {"names": ", ".join(item.party_names) or "—"},
        ]
        if item.named_people:
            parts.append(_("Named attendees: %(names)s") % {"names": ", ".join(p.name for p in item.named_people)})
        if item.unnamed_count:
            parts.append(_("Other attendees: %(count)s") % {"count": item.unnamed_count})
        if item.is_restricted:
            ground = item.withholding_ground_label
            parts.append(_("Restricted: the minutes are withheld (%(ground)s).") % {"ground": ground})
        elif item.minutes_main_points:
            parts.append(item.minutes_main_points)
        return "\n".join(parts)

    def item_link(self, item):
        return reverse("transparency:meeting", args=[item.id])

    def item_guid(self, item):
        return f"meeting-{item.id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.city.name, *item.counterparts]


class CityMeetingsFeed(MeetingsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(City.objects.public(), slug=slug)

    def title(self, obj=None):
        return _("Newly published meetings in %(city)s") % {"city": obj.name}

    def link(self, obj=None):
        return reverse("transparency:city", args=[obj.slug])

    def meetings(self, obj):
        return public.public_meetings().for_city(obj)


class CompanyMeetingsFeed(MeetingsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Organisation.objects.public(), slug=slug)

    def title(self, obj=None):
        return _("Newly published meetings with %(company)s") % {"company": obj.name}

    def link(self, obj=None):
        return reverse("transparency:company", args=[obj.slug])

    def meetings(self, obj):
        return public.public_meetings().filter(organisations=obj)


class OverdueFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Newly overdue commitments")

    def subtitle(self):
        return _("Commitments whose due date has passed without completion, as they become overdue.")

    def link(self):
        return reverse("transparency:commitments") + "?overdue=on"

    def items(self):
        return list(public.public_overdue_flags()[:ITEMS])

    def item_title(self, flag):
        commitment = flag.commitment
        return _("Overdue: %(company)s in %(city)s") % {
            "company": commitment.negotiation.company.name, "city": commitment.negotiation.city.name,
        }

    def item_description(self, flag):
        commitment = flag.commitment
        return "\n".join(
            [
                commitment.text,
                _("Due: %(date)s") % {"date": flag.due_on.isoformat()},
                _("Completion level: %(level)s") % {"level": commitment.get_completion_display()},
            ]
        )

    def item_link(self, flag):
        return reverse("transparency:commitment", args=[flag.commitment_id])

    def item_guid(self, flag):
        return f"overdue-{flag.commitment_id}-{flag.due_on.isoformat()}"

    item_guid_is_permalink = False

    def item_pubdate(self, flag):
        return flag.raised_at

    def item_updateddate(self, flag):
        return flag.cleared_at or flag.raised_at


class CorrectionsFeed(Feed):
    """Corrections, withdrawals and republications of public records, as the public site lists them."""

    feed_type = Atom1Feed

    def title(self):
        return _("Corrections and withdrawals")

    def subtitle(self):
        return _("Published records that were corrected, withdrawn or published again, with the date and the reason.")

    def link(self):
        return reverse("transparency:corrections")

    def items(self):
        return corrections.present_notices(corrections.public_notices()[:ITEMS])

    def item_title(self, notice):
        city = notice.city.name if notice.city else ""
        if notice.is_meeting:
            return _("%(kind)s: a meeting record of %(city)s") % {"kind": notice.kind_label, "city": city}
        if notice.is_negotiation:
            return _("%(kind)s: a negotiation of %(city)s") % {"kind": notice.kind_label, "city": city}
        return _("%(kind)s: a commitment record of %(city)s") % {"kind": notice.kind_label, "city": city}

    def item_description(self, notice):
        parts = [notice.reason]
        if notice.meeting_starts_at:
            local = timezone.localtime(notice.meeting_starts_at, notice.city.zone if notice.city else datetime.UTC)
            parts.append(_("Meeting held on %(date)s") % {"date": local.date().isoformat()})
        return "\n".join(parts)

    def item_link(self, notice):
        if notice.record_is_public:
            return notice.record_url
        return reverse("transparency:corrections") + f"#notice-{notice.id}"

    def item_guid(self, notice):
        return f"notice-{notice.id}"

    item_guid_is_permalink = False

    def item_pubdate(self, notice):
        return notice.occurred_at

    def item_updateddate(self, notice):
        return notice.occurred_at

    def item_categories(self, notice):
        return [notice.city.name] if notice.city else []


meetings_feed = public_page(MeetingsFeed())
city_meetings_feed = public_page(CityMeetingsFeed())
company_meetings_feed = public_page(CompanyMeetingsFeed())
overdue_feed = public_page(OverdueFeed())
corrections_feed = public_page(CorrectionsFeed())
