"""An alert lists every new flag of its recipient: the flags move to a table of their own.

Each existing alert keeps its one flag, as a row of ``NotificationFlag``; the rule "each flag once
per recipient" moves with it, from the alert to that table. Going back gives each alert the first
of its flags (an alert of several flags then names only that one).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

COPY_FLAGS_TO_TABLE = """
    INSERT INTO commitments_notificationflag (notification_id, flag_id, recipient_id)
    SELECT id, flag_id, recipient_id FROM commitments_notification WHERE flag_id IS NOT NULL
"""
COPY_FIRST_FLAG_BACK = """
    UPDATE commitments_notification SET flag_id = (
        SELECT MIN(entry.flag_id) FROM commitments_notificationflag AS entry
        WHERE entry.notification_id = commitments_notification.id
    )
    WHERE kind = 'flag_raised'
"""


class Migration(migrations.Migration):

    dependencies = [
        ('commitments', '0003_review_of_every_public_fact'),
        ('stakeholders', '0007_system_account'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='NotificationFlag',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('flag', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='alert_entries', to='commitments.overdueflag', verbose_name='flag')),
                ('notification', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='flag_entries', to='commitments.notification', verbose_name='alert')),
                ('recipient', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
            ],
            options={
                'verbose_name': 'flag in an alert',
                'verbose_name_plural': 'flags in alerts',
            },
        ),
        migrations.AddConstraint(
            model_name='notificationflag',
            constraint=models.UniqueConstraint(fields=('recipient', 'flag'), name='commitments_notificationflag_once_per_flag_and_recipient', violation_error_message='This person has already been told about this flag.'),
        ),
        migrations.AddField(
            model_name='notification',
            name='flags',
            field=models.ManyToManyField(blank=True, related_name='notifications', through='commitments.NotificationFlag', to='commitments.overdueflag', verbose_name='flags'),
        ),
        migrations.RemoveConstraint(
            model_name='notification',
            name='commitments_notification_once_per_flag_and_recipient',
        ),
        migrations.RemoveConstraint(
            model_name='notification',
            name='commitments_notification_kind_matches_subject',
        ),
        migrations.RunSQL(COPY_FLAGS_TO_TABLE, COPY_FIRST_FLAG_BACK),
        migrations.RemoveField(
            model_name='notification',
            name='flag',
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'flag_raised'), ('week_of__isnull', True)), models.Q(('kind', 'weekly_digest'), ('week_of__isnull', False)), _connector='OR'), name='commitments_notification_kind_matches_subject', violation_error_message='An alert is about flags; a digest is about a week.'),
        ),
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('flag_raised', 'New flags'), ('weekly_digest', 'Weekly digest')], max_length=16, verbose_name='kind'),
        ),
    ]
