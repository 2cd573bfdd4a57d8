"""The city of a meeting is required; its negotiation is optional (a meeting outside any negotiation).

A meeting in a negotiation is of the negotiation's city. A check constraint cannot look across a
foreign key, so PostgreSQL triggers hold the rule, as for the counterparty (0002): one on meetings
(the city named must be the negotiation's), one on negotiations (a negotiation's meetings move with
it to another city). SQLite, used only for local demo runs, relies on the models' save().
"""

import django.db.models.deletion
from django.db import migrations, models

FORWARD = """
CREATE OR REPLACE FUNCTION negotiations_meeting_city_is_negotiations() RETURNS trigger AS $$
BEGIN
    IF NEW.negotiation_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM negotiations_negotiation WHERE id = NEW.negotiation_id AND city_id = NEW.city_id
    ) THEN
        RAISE EXCEPTION 'negotiations_meeting_city_is_negotiations: meeting % is not of its negotiation''s city',
            NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER negotiations_meeting_city_is_negotiations
    BEFORE INSERT OR UPDATE OF city_id, negotiation_id ON negotiations_meeting
    FOR EACH ROW EXECUTE FUNCTION negotiations_meeting_city_is_negotiations();

CREATE OR REPLACE FUNCTION negotiations_negotiation_meetings_follow_city() RETURNS trigger AS $$
BEGIN
    UPDATE negotiations_meeting SET city_id = NEW.city_id WHERE negotiation_id = NEW.id AND city_id <> NEW.city_id;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER negotiations_negotiation_meetings_follow_city
    AFTER UPDATE OF city_id ON negotiations_negotiation
    FOR EACH ROW WHEN (OLD.city_id IS DISTINCT FROM NEW.city_id)
    EXECUTE FUNCTION negotiations_negotiation_meetings_follow_city();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS negotiations_negotiation_meetings_follow_city ON negotiations_negotiation;
DROP FUNCTION IF EXISTS negotiations_negotiation_meetings_follow_city();
DROP TRIGGER IF EXISTS negotiations_meeting_city_is_negotiations ON negotiations_meeting;
DROP FUNCTION IF EXISTS negotiations_meeting_city_is_negotiations();
"""


def run_on_postgresql(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):

    dependencies = [
        ("negotiations", "0006_meetings_outside_negotiations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="city",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="meetings", to="stakeholders.city", verbose_name="city"),
        ),
        migrations.AlterField(
            model_name="historicalmeeting",
            name="negotiation",
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="Empty for a meeting outside any company negotiation, e.g. with a union on a topic.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="negotiations.negotiation", verbose_name="negotiation"),
        ),
        migrations.AlterField(
            model_name="meeting",
            name="negotiation",
            field=models.ForeignKey(blank=True, help_text="Empty for a meeting outside any company negotiation, e.g. with a union on a topic.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name="meetings", to="negotiations.negotiation", verbose_name="negotiation"),
        ),
        migrations.RunPython(run_on_postgresql(FORWARD), run_on_postgresql(BACKWARD)),
    ]
