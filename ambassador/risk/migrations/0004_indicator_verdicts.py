"""Reviewers' verdicts on the indicators that fired in a lobbying-risk assessment, with their history."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('risk', '0003_riskvalidation'),
        ('stakeholders', '0007_system_account'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalIndicatorVerdict',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('indicator_key', models.CharField(max_length=64, verbose_name='indicator')),
                ('indicator_snapshot', models.JSONField(blank=True, default=dict, editable=False, help_text='The indicator as the assessment carried it when the verdict was given: a run computed again the same day may change the assessment.', verbose_name='indicator as judged')),
                ('verdict', models.CharField(choices=[('confirmed', 'confirmed'), ('false_positive', 'false positive'), ('needs_data', 'needs data')], max_length=20, verbose_name='verdict')),
                ('note', models.TextField(blank=True, help_text='Required for a false positive and for needs data.', verbose_name='note')),
                ('decided_at', models.DateTimeField(verbose_name='decided at')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('assessment', models.ForeignKey(blank=True, db_constraint=False, help_text='The score the verdict was given on.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='risk.riskassessment', verbose_name='assessment')),
                ('city', models.ForeignKey(blank=True, db_constraint=False, help_text="Empty for a verdict on the company's overall score.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='stakeholders.city', verbose_name='city')),
                ('decided_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='stakeholders.organisation', verbose_name='company')),
            ],
            options={
                'verbose_name': 'historical indicator verdict',
                'verbose_name_plural': 'historical indicator verdicts',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='IndicatorVerdict',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('indicator_key', models.CharField(max_length=64, verbose_name='indicator')),
                ('indicator_snapshot', models.JSONField(blank=True, default=dict, editable=False, help_text='The indicator as the assessment carried it when the verdict was given: a run computed again the same day may change the assessment.', verbose_name='indicator as judged')),
                ('verdict', models.CharField(choices=[('confirmed', 'confirmed'), ('false_positive', 'false positive'), ('needs_data', 'needs data')], max_length=20, verbose_name='verdict')),
                ('note', models.TextField(blank=True, help_text='Required for a false positive and for needs data.', verbose_name='note')),
                ('decided_at', models.DateTimeField(verbose_name='decided at')),
                ('assessment', models.ForeignKey(help_text='The score the verdict was given on.', on_delete=django.db.models.deletion.RESTRICT, related_name='verdicts', to='risk.riskassessment', verbose_name='assessment')),
                ('city', models.ForeignKey(blank=True, help_text="Empty for a verdict on the company's overall score.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='indicator_verdicts', to='stakeholders.city', verbose_name='city')),
                ('decided_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='indicator_verdicts', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicator_verdicts', to='stakeholders.organisation', verbose_name='company')),
            ],
            options={
                'verbose_name': 'indicator verdict',
                'verbose_name_plural': 'indicator verdicts',
                'ordering': ['-decided_at', '-pk'],
                'get_latest_by': 'decided_at',
                'indexes': [models.Index(fields=['organisation', 'indicator_key', 'city', '-decided_at'], name='risk_verdict_current_idx')],
                'constraints': [models.UniqueConstraint(fields=('assessment', 'indicator_key'), name='risk_indicatorverdict_unique_per_assessment', violation_error_message='This indicator of this assessment already has a verdict.'), models.CheckConstraint(condition=models.Q(('verdict', 'confirmed'), models.Q(('note', ''), _negated=True), _connector='OR'), name='risk_indicatorverdict_note_unless_confirmed', violation_error_message='Say why: a false positive or a verdict that needs data has a note.'), models.CheckConstraint(condition=models.Q(('verdict__in', ['confirmed', 'false_positive', 'needs_data'])), name='risk_indicatorverdict_known_verdict', violation_error_message='Choose confirmed, false positive or needs data.')],
            },
        ),
    ]
