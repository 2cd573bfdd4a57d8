"""A meeting has its own city: existing meetings (and their history rows) take their negotiation's city,
in one UPDATE each. The next migration makes the city required and the negotiation optional (a
separate step, so the new rows' deferred foreign-key checks run before the table is altered).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_city_from_negotiation(apps, schema_editor):
    Negotiation = apps.get_model("negotiations", "Negotiation")
    city_of_negotiation = Subquery(Negotiation.objects.filter(pk=OuterRef("negotiation_id")).values("city_id")[:1])
    for name in ("Meeting", "HistoricalMeeting"):
        model = apps.get_model("negotiations", name)
        model.objects.filter(city__isnull=True, negotiation__isnull=False).update(city_id=city_of_negotiation)


class Migration(migrations.Migration):

    dependencies = [
        ("negotiations", "0005_review_of_every_public_fact"),
        ("stakeholders", "0007_system_account"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmeeting",
            name="city",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="stakeholders.city", verbose_name="city"),
        ),
        migrations.AddField(
            model_name="meeting",
            name="city",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="meetings", to="stakeholders.city", verbose_name="city"),
        ),
        migrations.RunPython(fill_city_from_negotiation, migrations.RunPython.noop, elidable=False),
    ]
