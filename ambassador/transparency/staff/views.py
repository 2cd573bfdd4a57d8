from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ambassador.core.charts import Bar, bar_chart, stacked_bar_chart
from ambassador.core.membership import is_city_staff
from ambassador.core.two_factor import passed_second_factor

from .dashboard import staff_dashboard


class StaffDashboardView(LoginRequiredMixin, UserPassesTestMixin, TemplateView):
    """Where every negotiation of the user's city stands (every city for superusers)."""

    template_name = "transparency/staff/dashboard.html"
    raise_exception = False

    def test_func(self):
        return is_city_staff(self.request.user) and passed_second_factor(self.request.user)

    def handle_no_permission(self):
        user = self.request.user
        if user.is_authenticated and not passed_second_factor(user):
            # A session that has not given its second factor signs in again, then comes back.
            return redirect_to_login(self.request.get_full_path(), self.get_login_url(), self.get_redirect_field_name())
        if user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dashboard = staff_dashboard(user=self.request.user)
        context["dashboard"] = dashboard
        context["stage_chart"] = bar_chart(
            [Bar(label, count) for _, label, count in dashboard.stage_counts],
            title=str(_("Negotiations by stage")),
        )
        context["balance_chart"] = stacked_bar_chart(
            [(row.topic, row.counts) for row in dashboard.balance],
            series=[label for _, label in dashboard.balance_kinds],
            title=str(_("Meetings per topic by kind of organisation present")),
        )
        context["lag_chart"] = bar_chart(
            [Bar(row.name, row.average_days) for row in dashboard.envoy_lags],
            title=str(_("Average disclosure lag per envoy, in days")),
            unit=" d",
        )
        return context
