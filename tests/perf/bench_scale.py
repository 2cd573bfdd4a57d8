"""Benchmark: every figure of the scale targets, on a record built by ``manage.py seed_scale``. Not a test.

pytest does not collect this file (it is not named ``test_*.py``). Run it by hand, or with ``make bench``,
on a database of its own (its name must contain "perf" or "scale"), which it creates and migrates:

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/amb_perf_scale \\
        .venv/bin/python tests/perf/bench_scale.py --commitments 1000000

It builds the record with ``seed_scale`` unless ``--reuse`` is given and the database already holds
that many commitments. Then, in this process with Django's test client (server time is the time
around ``client.get``, the body read to its end), it measures the median of ``--repeat`` runs of:

- every public page: home, a sample of cities and the biggest, a typical company and the biggest,
  the biggest negotiation, ``/commitments/`` first and last page, ``/risk/``, ``/withheld/``, ``/data/``
  (target < 200 ms);
- the public and staff API lists, first page and a deep one (90% of the way down, through a cursor
  that points there) (target < 100 ms, deep / first <= 1.5);
- the admin changelists of commitments and meetings, as the superuser and as an envoy (< 500 ms);
- a 304 against the full render of the same page (<= 0.1);
- the queries each page makes, saved per size in ``var/bench/scale-<N>.json``; when the file of
  another size is there, the counts are compared (target: equal);
- the CSV exports (staff API ``?format=csv`` and ``/data/commitments.csv``), each in a fresh process
  for its peak memory and for at most ``--export-seconds``, against ``COPY`` of the same rows
  (target: rows per second within 3x of COPY, peak RSS < 200 MB);
- the overdue job's first run on an empty flag table and its rerun, against hand-written SQL
  (``bench_overdue.py``'s), inside a transaction rolled back afterwards (target <= 1.2);
- ``compute_risk`` in a fresh process: its time and peak memory, and time at N / time at 100,000
  when the other size's figures are saved (target <= 12, peak < 500 MB). Its scores are kept, so
  ``/risk/`` shows a real ranking.

A page that takes longer than ``--timeout`` seconds once is not asked again and reads ``> timeout``.
The page cache is off (a dummy cache), so every request renders; throttles do not count either.
Every measurement is a function of its own (``measure_*``), so a later one can be added beside them.
It ends with one table: figure | measured | target | ok?
"""

# The SQL here is built from constants of this script, never from input.
# ruff: noqa: S608

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
from urllib.parse import parse_qsl, urlencode, urlsplit

from scale_bench_jobs import (
    measure_export_in_this_process,
    measure_exports,
    measure_overdue,
    measure_risk,
    measure_risk_in_this_process,
)
from scale_bench_kit import (
    ADMIN_TARGET,
    API_TARGET,
    DEEP_RATIO_TARGET,
    ETAG_RATIO_TARGET,
    GROUPS,
    MEASURE_EXPORT,
    MEASURE_RISK,
    PAGE_TARGET,
    Bench,
    limit_statements,
    ms,
    results_dir,
    results_path,
    save,
    setup_django,
    timed_get,
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commitments", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="Keep the record if it already has that many commitments.")
    parser.add_argument("--repeat", type=int, default=5, help="Runs of each request; the median counts.")
    parser.add_argument("--timeout", type=float, default=30.0, help="Seconds after which a page is not asked again.")
    parser.add_argument("--export-seconds", type=float, default=60.0, help="Longest an export is read for.")
    parser.add_argument("--job-timeout", type=float, default=600.0, help="Longest a job may run (seconds).")
    parser.add_argument("--only", default=",".join(GROUPS), help=f"Comma-separated groups of {', '.join(GROUPS)}.")
    parser.add_argument("--force", action="store_true", help="Allow a database whose name lacks 'perf' or 'scale'.")
    parser.add_argument(MEASURE_EXPORT, dest="measure_export", help=argparse.SUPPRESS)
    parser.add_argument(MEASURE_RISK, dest="measure_risk", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()



def build(commitments: int, *, seed: int, reuse: bool) -> None:
    from django.core.management import call_command

    from ambassador.commitments.models import Commitment

    if reuse and Commitment.objects.count() == commitments:
        print(f"Reusing the record of {commitments:,} commitments.", flush=True)
        return
    started = time.perf_counter()
    call_command("seed_scale", commitments=commitments, seed=seed, force=True)
    print(f"Built {commitments:,} commitments in {time.perf_counter() - started:.0f} s.", flush=True)



# --- the record's landmarks ---------------------------------------------------------------------------------------


def landmarks() -> dict:
    """The pages worth asking for: the biggest city, company and negotiation, and a sample of the others."""
    from django.db.models import Count

    from ambassador.commitments.models import Commitment
    from ambassador.negotiations.models import Negotiation
    from ambassador.stakeholders.models import City, Organisation

    cities = list(
        City.objects.annotate(negotiation_count=Count("negotiations")).order_by("-negotiation_count", "pk")
        .values_list("slug", flat=True)
    )
    step = max(1, len(cities) // 4)
    sample = [cities[0], *cities[step::step]][:5]
    companies = list(
        Organisation.objects.filter(negotiations__is_public=True).annotate(negotiation_count=Count("negotiations"))
        .order_by("-negotiation_count", "pk").values_list("slug", flat=True)
    )
    negotiation = (
        Commitment.objects.filter(negotiation__is_public=True).values("negotiation")
        .annotate(n=Count("pk")).order_by("-n").values_list("negotiation", flat=True).first()
    )
    from django.contrib.auth import get_user_model

    envoy = get_user_model().objects.filter(city_membership__city__slug=cities[0], city_membership__role="envoy")
    return {
        "biggest_city": cities[0],
        "city_sample": sample,
        "biggest_company": companies[0],
        "typical_company": companies[len(companies) // 2],
        "negotiation": Negotiation.objects.get(pk=negotiation).slug,
        "superuser": get_user_model().objects.filter(is_superuser=True).order_by("pk").first(),
        "envoy": envoy.order_by("pk").first(),
    }


# --- measurements -------------------------------------------------------------------------------------------------


def measure_pages(bench: Bench, marks: dict) -> None:
    """Every public page, anonymous, median server time against 200 ms."""
    from django.test import Client

    client = Client()
    # (key, label, url): the key names the page the same way at every size, for the query counts.
    pages = [("home", "home", "/")]
    pages += [
        (f"city #{index}", f"city {slug}" + (" (biggest)" if index == 0 else ""), f"/cities/{slug}/")
        for index, slug in enumerate(marks["city_sample"])
    ]
    pages += [
        ("company (biggest)", "company (biggest)", f"/companies/{marks['biggest_company']}/"),
        ("company (typical)", "company (typical)", f"/companies/{marks['typical_company']}/"),
        ("negotiation", "negotiation (most commitments)", f"/negotiations/{marks['negotiation']}/"),
        ("/commitments/", "/commitments/ first page", "/commitments/"),
        ("/commitments/ last", "/commitments/ last page", "/commitments/?page=999999999"),
        ("/risk/", "/risk/", "/risk/"),
        ("/methodology/", "/methodology/", "/methodology/"),
        ("/withheld/", "/withheld/", "/withheld/"),
        ("/data/", "/data/", "/data/"),
    ]
    print("Public pages (median server time):", flush=True)
    for key, label, url in pages:
        timing = timed_get(client, url, repeat=bench.args.repeat, cap=bench.args.timeout)
        if not timing.capped:  # a cancelled request made only some of its queries
            bench.queries[key] = timing.queries
        ok = None if timing.seconds is None else (not timing.capped and timing.seconds < PAGE_TARGET)
        bench.add(f"page {label} [{timing.queries} q, {timing.size / 1024:,.0f} KB]", timing.text(bench.args.timeout),
                  "< 200 ms", ok)


def deep_cursor_url(client, url: str, *, table: str, share: float = 0.9) -> str | None:
    """``url`` with a cursor that points ``share`` of the way down the list, or None if the cursor is unknown.

    The cursor of the first page's ``next`` link is decoded and its position replaced by the id found
    ``share`` of the way through ``table`` in the list's order. Both cursors of the project (DRF's
    ``p=`` and the staff API's ``{"p": [...]}``) end their position with the id when the list is
    ordered by id, as the default orderings are; whether the ids ascend or descend is read from the
    first page's last id, which lies near the smallest id or near the largest.
    """
    from django.db import connection

    response = client.get(url)
    if response.status_code != 200:
        return None
    next_link = response.json().get("next")
    if not next_link:
        return None
    parts = urlsplit(next_link)
    query = dict(parse_qsl(parts.query))
    token = base64.urlsafe_b64decode(query["cursor"].encode() + b"==").decode()
    try:
        decoded = json.loads(token)
    except ValueError:
        decoded = None
    if isinstance(decoded, dict) and isinstance(decoded.get("p"), list) and decoded["p"]:
        position = decoded["p"][-1]
    else:
        fields = dict(parse_qsl(token))
        position = fields.get("p")
    if position is None or not str(position).isdigit():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), min(id), max(id) FROM {table}")
        total, smallest, largest = cursor.fetchone()
        descending = int(position) - smallest > largest - int(position)
        offset = int(total * (1 - share if descending else share))
        cursor.execute(f"SELECT id FROM {table} ORDER BY id OFFSET %s LIMIT 1", [offset])
        row = cursor.fetchone()
    if row is None:
        return None
    deep_id = str(row[0])
    if isinstance(decoded, dict) and isinstance(decoded.get("p"), list):
        decoded["p"] = [*decoded["p"][:-1], deep_id]
        new_token = json.dumps(decoded, separators=(",", ":"))
    else:
        fields["p"] = deep_id
        fields.pop("o", None)
        new_token = urlencode(fields)
    query["cursor"] = base64.urlsafe_b64encode(new_token.encode()).decode()
    return f"{parts.path}?{urlencode(query)}"


def measure_api(bench: Bench, marks: dict) -> None:
    """The public and staff API lists, first and deep page: < 100 ms each, deep / first <= 1.5."""
    from django.test import Client

    anonymous = Client()
    staff = Client()
    staff.force_login(marks["superuser"])
    lists = [
        ("public", anonymous, "/api/public/v1/commitments/", "commitments_commitment"),
        ("public", anonymous, "/api/public/v1/meetings/", "negotiations_meeting"),
        ("public", anonymous, "/api/public/v1/negotiations/", "negotiations_negotiation"),
        ("public", anonymous, "/api/public/v1/commitment-updates/", "commitments_commitmentupdate"),
        ("staff", staff, "/api/v1/commitments/", "commitments_commitment"),
        ("staff", staff, "/api/v1/commitments/?ordering=due_on", None),
        ("staff", staff, "/api/v1/meetings/", "negotiations_meeting"),
        ("staff", staff, "/api/v1/negotiations/", "negotiations_negotiation"),
        ("staff", staff, "/api/v1/commitment-updates/", "commitments_commitmentupdate"),
        ("staff", staff, "/api/v1/overdue-flags/", "commitments_overdueflag"),
    ]
    print("API lists (median server time):", flush=True)
    for kind, client, url, table in lists:
        first = timed_get(client, url, repeat=bench.args.repeat, cap=bench.args.timeout)
        if not first.capped:  # a cancelled request made only some of its queries
            bench.queries[url] = first.queries
        ok = None if first.seconds is None else (not first.capped and first.seconds < API_TARGET)
        bench.add(f"{kind} API {url} first [{first.queries} q]", first.text(bench.args.timeout), "< 100 ms", ok)
        deep_url = deep_cursor_url(client, url, table=table) if table and not first.capped else None
        if deep_url is None:
            if table is None or first.capped:
                continue
            bench.add(f"{kind} API {url} deep", "no cursor", "< 100 ms", None)
            continue
        deep = timed_get(client, deep_url, repeat=bench.args.repeat, cap=bench.args.timeout)
        if not deep.capped:  # a cancelled request made only some of its queries
            bench.queries[f"{url} deep"] = deep.queries
        ok = None if deep.seconds is None else (not deep.capped and deep.seconds < API_TARGET)
        bench.add(f"{kind} API {url} deep [{deep.queries} q]", deep.text(bench.args.timeout), "< 100 ms", ok)
        if first.seconds and deep.seconds and not first.capped and not deep.capped:
            ratio = deep.seconds / first.seconds
            bench.add(f"{kind} API {url} deep / first", f"{ratio:.2f}", "<= 1.5", ratio <= DEEP_RATIO_TARGET)


def measure_admin(bench: Bench, marks: dict) -> None:
    """The admin changelists of commitments and meetings, as the superuser and as an envoy: < 500 ms."""
    from django.test import Client

    print("Admin changelists (median server time):", flush=True)
    for role in ("superuser", "envoy"):
        client = Client()
        client.force_login(marks[role])
        for url in ("/admin/commitments/commitment/", "/admin/negotiations/meeting/"):
            timing = timed_get(client, url, repeat=bench.args.repeat, cap=bench.args.timeout)
            if not timing.capped:  # a cancelled request made only some of its queries
                bench.queries[f"{url} as {role}"] = timing.queries
            ok = None if timing.seconds is None else (not timing.capped and timing.seconds < ADMIN_TARGET)
            bench.add(f"admin {url} as {role} [{timing.queries} q]", timing.text(bench.args.timeout), "< 500 ms", ok)


def measure_etag(bench: Bench, marks: dict) -> None:
    """A 304 (If-None-Match with the page's own ETag) against the full render of the same page: <= 0.1."""
    from django.test import Client

    client = Client()
    print("Conditional GET (304 / full render):", flush=True)
    for url in ("/", f"/cities/{marks['biggest_city']}/", "/commitments/"):
        full = timed_get(client, url, repeat=bench.args.repeat, cap=bench.args.timeout)
        if full.seconds is None or full.capped:
            bench.add(f"304 / full {url}", f"full: {full.text(bench.args.timeout)}", "<= 0.1", None)
            continue
        etag = client.get(url).headers.get("ETag")
        if not etag:
            bench.add(f"304 / full {url}", "no ETag", "<= 0.1", False)
            continue
        cached = timed_get(client, url, repeat=bench.args.repeat, cap=bench.args.timeout,
                           headers={"If-None-Match": etag})
        if cached.status != 304:
            bench.add(f"304 / full {url}", f"HTTP {cached.status}", "<= 0.1", False)
            continue
        ratio = cached.seconds / full.seconds
        bench.add(f"304 / full {url} ({ms(cached.seconds)} / {ms(full.seconds)})", f"{ratio:.3f}", "<= 0.1",
                  ratio <= ETAG_RATIO_TARGET)


def measure_query_counts(bench: Bench) -> None:
    """The queries each page made, saved for this size and compared with another size's if saved."""
    bench.saved["queries"] = dict(bench.queries)
    others = [path for path in results_dir().glob("scale-*.json") if path != results_path(bench.args.commitments)]
    print("Queries per page against another size:", flush=True)
    if not others:
        bench.add("queries per page, other size", "no other size saved", "equal", None)
        return
    for path in others:
        other = json.loads(path.read_text()).get("queries", {})
        common = sorted(set(other) & set(bench.queries))
        differ = [key for key in common if other[key] != bench.queries[key]]
        size = f"{int(path.stem.split('-', 1)[1]):,}"
        for key in differ:
            print(f"    {key}: {other[key]} at {size}, {bench.queries[key]} here")
        bench.add(f"queries per page: {len(common)} pages vs {size} commitments", f"{len(differ)} differ", "equal",
                  (not differ) if common else None)


def print_table(bench: Bench) -> None:
    width = max(len(f.name) for f in bench.figures) if bench.figures else 10
    print()
    print(f"Scale benchmark at {bench.args.commitments:,} commitments (median of {bench.args.repeat} runs)")
    print(f"| {'figure':<{width}} | {'measured':>22} | {'target':<18} | ok? |")
    print(f"|{'-' * (width + 2)}|{'-' * 24}|{'-' * 20}|-----|")
    for f in bench.figures:
        mark = {True: "yes", False: "NO", None: "-"}[f.ok]
        print(f"| {f.name:<{width}} | {f.measured:>22} | {f.target:<18} | {mark:<3} |")
    missed = sum(1 for f in bench.figures if f.ok is False)
    met = sum(1 for f in bench.figures if f.ok)
    print(f"{met} met, {missed} missed, {len(bench.figures) - met - missed} without a target or comparison.")


MEASUREMENTS = {
    "risk": measure_risk,  # first, so that /risk/ and /methodology/ show the scores it writes
    "pages": measure_pages,
    "api": measure_api,
    "admin": measure_admin,
    "etag": measure_etag,
    "exports": measure_exports,
    "overdue": measure_overdue,
}


def main() -> None:
    args = parse_args()
    if args.measure_export:
        measure_export_in_this_process(args.measure_export, args.export_seconds)
        return
    if args.measure_risk:
        measure_risk_in_this_process()
        return
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = only - set(GROUPS)
    if unknown:
        sys.exit(f"Unknown groups: {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}.")
    setup_django(force=args.force)
    build(args.commitments, seed=args.seed, reuse=args.reuse)
    bench = Bench(args)
    marks = landmarks()
    limit_statements(args.timeout)  # no request runs on past the cap; the jobs set their own
    started = time.perf_counter()
    for name, measure in MEASUREMENTS.items():
        if name in only:
            measure(bench, marks)
    if only & {"pages", "api", "admin"}:
        measure_query_counts(bench)
    save(bench)
    print_table(bench)
    print(f"Measured in {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
