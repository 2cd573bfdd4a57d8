"""Benchmark: the paged public pages and API lists, first page and deep page. Not a test.

pytest does not collect this file; run it by hand on a database of its own (its name must hold
"perf"). ``--build`` empties and fills it with ``bench_overdue.py``'s generator (5 cities, 200
companies, 10,000 negotiations with 2 published meetings each, N commitments) plus 60 days of
risk assessments per company; without ``--build`` it measures what is there:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/amb_perf_pages \\
        .venv/bin/python tests/perf/bench_pages.py --build --commitments 100000

It prints the median server time (Django's test client, no page copies, no throttling) of each
page over ``--repeat`` runs after one warm-up, and its size. A deep page is the one that starts at
the ``--deep``-th row: a page link (``?after=``, ``?cursor=``) where the code offers one, else
``?page=``. ``--root`` measures another checkout of the code against the same database.
"""

# The SQL here is built from constants of this script, never from input.
# ruff: noqa: S608, T201

from __future__ import annotations

import argparse
import base64
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--deep", type=int, default=50_000, help="The first row of the deep pages.")
    parser.add_argument("--root", default=str(Path(__file__).resolve().parents[2]), help="The code to measure.")
    return parser.parse_args()


def load_generator(root: Path):
    spec = importlib.util.spec_from_file_location("bench_overdue", Path(__file__).with_name("bench_overdue.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def add_risk_assessments(generator) -> None:
    """60 days of overall scores per company, and the latest in each city, each with eleven indicators."""
    indicators = json.dumps([
        {"key": key, "value": 3.5, "threshold": 2.0, "fired": i % 3 == 0, "contribution": 4.0, "sample_size": 40,
         "applicable": True, "explanation": "The company met the city more often than its peers did." * 2,
         "evidence": 0.8, "group": key, "counted": True, "facts": ["Meeting 1 of Negotiation 1", "Meeting 2"]}
        for i, key in enumerate(("lobbying_spend", "no_registry_id", "meeting_frequency", "official_concentration",
                                 "vague_minutes", "late_disclosure", "revolving_door", "topic_imbalance",
                                 "commitment_record", "inconsistency", "register_check"))
    ])
    generator.sql("DELETE FROM stakeholders_riskassessment")
    generator.sql("""
        INSERT INTO stakeholders_riskassessment (organisation_id, city_id, assessed_on, computed_at, score, confidence,
                                                 enough_data, indicators)
        SELECT o.id, NULL, DATE '2026-04-16' + d, now(), (o.id * 37 + d) %% 100, 0.2 + (o.id %% 8) / 10.0,
               o.id %% 9 <> 0, %s::jsonb
        FROM stakeholders_organisation o CROSS JOIN generate_series(0, 59) AS d
        UNION ALL
        SELECT o.id, c.id, DATE '2026-06-14', now(), (o.id * 11 + c.id) %% 100, 0.5, true, %s::jsonb
        FROM stakeholders_organisation o CROSS JOIN stakeholders_city c
    """, [indicators, indicators])


def build(args, generator) -> None:
    generator.build_world()
    print(f"Adding {args.commitments:,} commitments and the risk assessments ...")
    generator.add_commitments(1, args.commitments)
    add_risk_assessments(generator)
    generator.autocommit("VACUUM ANALYZE")


def encoded(payload: str) -> str:
    return base64.urlsafe_b64encode(payload.encode()).decode()


def urls(args, generator, new_code: bool) -> list[tuple[str, str]]:
    deep = args.deep - 1
    due, pk = [
        str(value) for value in generator.scalar(f"""
            SELECT ARRAY[COALESCE(due_on, DATE '9999-12-31')::text, id::text] FROM commitments_commitment
            ORDER BY COALESCE(due_on, DATE '9999-12-31'), id OFFSET {deep} LIMIT 1
        """)
    ]
    starts, meeting = generator.scalar(f"""
        SELECT ARRAY[starts_at::text, id::text] FROM negotiations_meeting ORDER BY starts_at DESC, id DESC
        OFFSET {min(deep, 10_000)} LIMIT 1
    """)
    first_pk = generator.scalar(f"SELECT id FROM commitments_commitment ORDER BY id OFFSET {deep} LIMIT 1")
    staff_due = encoded(json.dumps({"r": False, "p": [due, pk]}))
    staff_meetings = encoded(json.dumps({"r": False, "p": [starts, meeting]}))
    site_deep = (
        "/commitments/?after=" + encoded(json.dumps([due, pk])).rstrip("=") if new_code
        else f"/commitments/?page={args.deep // 50 + 1}"
    )
    pages = [
        ("/commitments/ first", "/commitments/"),
        (f"/commitments/ from row {args.deep:,}", site_deep),
        ("city page", "/cities/amsterdam/"),
        ("company page", "/companies/company-1/"),
        ("/risk/", "/risk/"),
    ]
    if new_code:
        pages.append(("/risk/company-1/", "/risk/company-1/"))
    return pages + [
        ("staff API commitments ?ordering=due_on first", "/api/v1/commitments/?ordering=due_on"),
        (f"staff API commitments ?ordering=due_on from row {args.deep:,}",
         f"/api/v1/commitments/?ordering=due_on&cursor={staff_due}"),
        ("staff API meetings first", "/api/v1/meetings/"),
        ("staff API meetings deep (row 10,000)", f"/api/v1/meetings/?cursor={staff_meetings}"),
        ("public API commitments first", "/api/public/v1/commitments/"),
        (f"public API commitments from row {args.deep:,}",
         f"/api/public/v1/commitments/?cursor={encoded(f'p={first_pk}')}"),
    ]


def measure(args, generator) -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client

    new_code = Path(args.root, "ambassador/core/keyset.py").exists()
    user, _ = get_user_model().objects.get_or_create(username="bench-superuser", defaults={"is_superuser": True})
    client = Client()
    client.force_login(user)
    anonymous = Client()
    print(f"\n{'page':58} {'median ms':>10} {'KB':>8}")
    for name, url in urls(args, generator, new_code):
        reader = client if url.startswith("/api/v1/") else anonymous
        times = []
        for run in range(args.repeat + 1):
            started = time.perf_counter()
            response = reader.get(url)
            content = b"".join(response.streaming_content) if response.streaming else response.content
            if run:
                times.append(time.perf_counter() - started)
        status = "" if response.status_code == 200 else f"  (status {response.status_code})"
        print(f"{name:58} {statistics.median(times) * 1000:10.0f} {len(content) / 1024:8.0f}{status}")


def main() -> None:
    args = parse_args()
    os.chdir(args.root)
    os.environ.update(
        AMBASSADOR_PUBLIC_PAGE_COPIES="false", AMBASSADOR_PUBLIC_API_RATE="1000000/min",
        AMBASSADOR_STAFF_API_RATE="1000000/min", AMBASSADOR_STAFF_API_ADDRESS_RATE="1000000/min",
    )
    generator = load_generator(Path(args.root))
    sys.path.insert(0, args.root)  # after the generator, which puts this checkout first
    generator.setup_django(argparse.Namespace(force=False))  # creates and migrates the database
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    if args.build:
        build(args, generator)
    measure(args, generator)


if __name__ == "__main__":
    main()
