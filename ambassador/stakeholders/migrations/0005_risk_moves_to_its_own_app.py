"""Lobbying-risk runs and assessments move to the risk app.

Only Django's record of the models changes: the tables, their rows and their history stay where
they are, under their old names, and the risk app's first migration takes them over.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('stakeholders', '0004_notification_permissions'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='riskassessment',
                    name='city',
                ),
                migrations.RemoveField(
                    model_name='riskassessment',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='riskassessment',
                    name='run',
                ),
                migrations.DeleteModel(
                    name='HistoricalRiskAssessment',
                ),
                migrations.DeleteModel(
                    name='RiskAssessment',
                ),
                migrations.DeleteModel(
                    name='RiskRun',
                ),
            ],
            database_operations=[],
        ),
    ]
