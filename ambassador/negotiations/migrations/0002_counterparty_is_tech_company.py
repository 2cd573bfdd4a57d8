"""A negotiation's counterparty is a tech company, enforced by PostgreSQL triggers.

A check constraint cannot look across a foreign key, so two triggers hold the rule: one on
negotiations (the company named must be a tech company), one on organisations (a company that
negotiates cannot change kind). SQLite, used only for local demo runs, relies on model validation.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION negotiations_negotiation_counterparty_is_tech_company() RETURNS trigger AS $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM stakeholders_organisation WHERE id = NEW.company_id AND kind = 'tech_company'
    ) THEN
        RAISE EXCEPTION 'negotiations_negotiation_counterparty_is_tech_company: organisation % is not a tech company',
            NEW.company_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER negotiations_negotiation_counterparty_is_tech_company
    BEFORE INSERT OR UPDATE OF company_id ON negotiations_negotiation
    FOR EACH ROW EXECUTE FUNCTION negotiations_negotiation_counterparty_is_tech_company();

CREATE OR REPLACE FUNCTION stakeholders_organisation_negotiating_company_keeps_kind() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM negotiations_negotiation WHERE company_id = NEW.id) THEN
        RAISE EXCEPTION 'negotiations_negotiation_counterparty_is_tech_company: organisation % negotiates with a city and must stay a tech company',
            NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER stakeholders_organisation_negotiating_company_keeps_kind
    BEFORE UPDATE OF kind ON stakeholders_organisation
    FOR EACH ROW WHEN (OLD.kind = 'tech_company' AND NEW.kind <> 'tech_company')
    EXECUTE FUNCTION stakeholders_organisation_negotiating_company_keeps_kind();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS stakeholders_organisation_negotiating_company_keeps_kind ON stakeholders_organisation;
DROP FUNCTION IF EXISTS stakeholders_organisation_negotiating_company_keeps_kind();
DROP TRIGGER IF EXISTS negotiations_negotiation_counterparty_is_tech_company ON negotiations_negotiation;
DROP FUNCTION IF EXISTS negotiations_negotiation_counterparty_is_tech_company();
"""


def run_on_postgresql(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("negotiations", "0001_initial"),
        ("stakeholders", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(run_on_postgresql(FORWARD), run_on_postgresql(BACKWARD)),
    ]
