"""Lobbying-risk runs and assessments, taken over from the stakeholders app with their tables and rows.

The tables already exist (``stakeholders_riskrun``, ``stakeholders_riskassessment`` and its history
table), so the models are created in Django's record only. Their content types move with them, and
with the content types the permissions and the groups that hold them (``risk.view_riskassessment``).
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MODELS = ("riskrun", "riskassessment", "historicalriskassessment")


def _move_content_types(apps, schema_editor, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        moving = content_types.filter(app_label=source, model=model).first()
        if moving is None:
            continue
        # A row under the target label can only come from an interrupted run; the moving row carries
        # the permissions the groups hold, so it is the one that stays.
        content_types.filter(app_label=target, model=model).delete()
        moving.app_label = target
        moving.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def move_content_types(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="stakeholders", target="risk")


def move_content_types_back(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="risk", target="stakeholders")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('stakeholders', '0005_risk_moves_to_its_own_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RiskRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('assessed_on', models.DateField(verbose_name='assessed on')),
                        ('started_at', models.DateTimeField(verbose_name='started at')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='finished at')),
                        ('companies_assessed', models.PositiveIntegerField(default=0, verbose_name='companies assessed')),
                        ('city_assessments', models.PositiveIntegerField(default=0, verbose_name='city assessments')),
                        ('assessments_written', models.PositiveIntegerField(default=0, help_text='Assessments created or changed by the latest computation of the day.', verbose_name='assessments written')),
                        ('coverage', models.JSONField(blank=True, default=dict, help_text='Per indicator: for how many companies it could be computed, and for how many it fired.', verbose_name='coverage')),
                        ('warnings', models.JSONField(blank=True, default=list, verbose_name='warnings')),
                        ('parameters', models.JSONField(blank=True, default=dict, help_text='The settings used.', verbose_name='parameters')),
                    ],
                    options={
                        'verbose_name': 'risk run',
                        'verbose_name_plural': 'risk runs',
                        'db_table': 'stakeholders_riskrun',
                        'ordering': ['-assessed_on'],
                        'get_latest_by': 'assessed_on',
                        'constraints': [models.UniqueConstraint(fields=('assessed_on',), name='stakeholders_riskrun_unique_day', violation_error_message='There is already a lobbying-risk run for this day.'), models.CheckConstraint(condition=models.Q(('finished_at__isnull', True), ('finished_at__gte', models.F('started_at')), _connector='OR'), name='stakeholders_riskrun_finished_not_before_started', violation_error_message='A run cannot finish before it starts.')],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalRiskAssessment',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('assessed_on', models.DateField(verbose_name='assessed on')),
                        ('computed_at', models.DateTimeField(blank=True, editable=False, verbose_name='computed at')),
                        ('score', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='score')),
                        ('indicators', models.JSONField(blank=True, default=list, verbose_name='indicators')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('city', models.ForeignKey(blank=True, db_constraint=False, help_text="Empty for the company's overall score.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='stakeholders.city', verbose_name='city')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='stakeholders.organisation', verbose_name='company')),
                        ('run', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='risk.riskrun', verbose_name='run')),
                    ],
                    options={
                        'verbose_name': 'historical risk assessment',
                        'verbose_name_plural': 'historical risk assessments',
                        'db_table': 'stakeholders_historicalriskassessment',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='RiskAssessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('assessed_on', models.DateField(verbose_name='assessed on')),
                        ('computed_at', models.DateTimeField(auto_now_add=True, verbose_name='computed at')),
                        ('score', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='score')),
                        ('indicators', models.JSONField(blank=True, default=list, verbose_name='indicators')),
                        ('city', models.ForeignKey(blank=True, help_text="Empty for the company's overall score.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='risk_assessments', to='stakeholders.city', verbose_name='city')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='risk_assessments', to='stakeholders.organisation', verbose_name='company')),
                        ('run', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assessments', to='risk.riskrun', verbose_name='run')),
                    ],
                    options={
                        'verbose_name': 'risk assessment',
                        'verbose_name_plural': 'risk assessments',
                        'db_table': 'stakeholders_riskassessment',
                        'ordering': ['-assessed_on', 'organisation'],
                        'get_latest_by': 'assessed_on',
                        'constraints': [models.UniqueConstraint(condition=models.Q(('city__isnull', False)), fields=('organisation', 'city', 'assessed_on'), name='stakeholders_riskassessment_unique_city_day'), models.UniqueConstraint(condition=models.Q(('city__isnull', True)), fields=('organisation', 'assessed_on'), name='stakeholders_riskassessment_unique_overall_day'), models.CheckConstraint(condition=models.Q(('score__gte', 0), ('score__lte', 100)), name='stakeholders_riskassessment_score_in_range', violation_error_message='A score lies between 0 and 100.')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
