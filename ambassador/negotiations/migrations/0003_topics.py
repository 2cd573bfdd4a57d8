from django.db import migrations

TOPICS = [
    ("data-sharing", "Data sharing"),
    ("data-governance", "Data governance"),
    ("data-localisation", "Data localisation"),
    ("digital-infrastructure", "Digital infrastructure"),
    ("mobility-data", "Mobility data"),
    ("algorithms-and-ai", "Algorithms and AI"),
    ("privacy-and-security", "Privacy and security"),
    ("platform-work", "Platform work"),
    ("workers-rights", "Workers' rights"),
    ("digital-inclusion", "Digital inclusion"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("negotiations", "Topic")
    for slug, name in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})


def remove_topics(apps, schema_editor):
    apps.get_model("negotiations", "Topic").objects.filter(slug__in=[slug for slug, _ in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("negotiations", "0002_counterparty_is_tech_company")]

    operations = [migrations.RunPython(add_topics, remove_topics)]
