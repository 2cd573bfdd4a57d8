"""The stages of a scale record, each one ``INSERT ... SELECT`` over a range of row numbers."""

# The SQL is built from this package's constants and integers, never from input.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Callable

from django.db import connection

from ambassador.commitments.publicity import refresh_everything
from ambassador.core.actors import SYSTEM_USERNAME
from ambassador.core.progress import progress

from .draws import Draws, _json_list, pick_from, sql_text
from .sizes import FILLED_TABLES, TABLES, ScaleBuildError, chunks
from .vocabulary import (
    BLOCK,
    CITIES,
    COMMITMENT_TEXTS,
    COMPLETIONS,
    CONCLUSIONS,
    DATA_PRINCIPLES,
    ENVOYS_PER_CITY,
    FIGURE_ROLES,
    FIGURES_IN_PERSON_BLOCK,
    FIRST_NAMES,
    FORMATS,
    GROUNDS,
    KIND_WORDS,
    KINDS_IN_BLOCK,
    LAST_NAMES,
    LOCATIONS,
    MAIN_POINTS,
    NAME_ENDS,
    NAME_STARTS,
    OFFICIAL_ROLES,
    OFFICIALS_IN_PERSON_BLOCK,
    POSITIONS,
    PRIVATE_ROLES,
    STAGES,
    TOPICS,
    UPDATE_TEXTS,
    USERS_PER_CITY,
    VAGUE,
    WORKER_PRINCIPLES,
)


class ScaleBuilder(Draws):
    """Writes a record of ``sizes`` around ``today``, reporting each stage on ``stream``."""

    def stages(self) -> list[tuple[str, int, Callable[[int, int], object]]]:
        s = self.sizes
        return [
            ("cities", s.cities, self.cities),
            ("organisations", s.organisations, self.organisations),
            ("lobbying disclosures", s.organisations, self.disclosures),
            ("people", s.people, self.people),
            ("affiliations", s.people, self.affiliations),
            ("envoys and council staff", s.cities, self.users),
            ("topics", len(TOPICS), self.topics),
            ("negotiations", s.negotiations, self.negotiations),
            ("meetings in negotiations", s.meetings_in_negotiations, self.meetings),
            ("meetings outside negotiations", s.standalone_meetings, self.standalone_meetings),
            ("attendees and organisations", s.meetings, self.meeting_links),
            ("commitments", s.commitments, self.commitments),
            ("progress updates", s.commitments, self.updates),
            ("overdue flags", s.commitments, self.flags),
        ]

    def build(self) -> None:
        self.execute("SET LOCAL synchronous_commit TO off")
        checks_later = self._defer_row_checks()
        self.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
        for label, total, stage in self.stages():
            with progress(total=total, label=label, stream=self.stream) as bar:
                for low, high in chunks(total):
                    stage(low, high)
                    bar.update(high - low + 1)
            self.timings[label] = bar.elapsed
        self.system_account()
        for table in FILLED_TABLES:
            self.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1))"
            )
        # When each meeting and commitment is public, from the rules, set-based, while the row triggers
        # are still off: rows written in this transaction would otherwise queue a key check each.
        with progress(total=1, label="public-since dates", stream=self.stream) as bar:
            refresh_everything()
            bar.update()
        if checks_later:
            self.execute("SET LOCAL session_replication_role TO origin")
            self.check()

    def _defer_row_checks(self) -> bool:
        """Skips the row triggers (foreign keys, the schema's own rules) while writing, where the role may.

        Checked row by row, a million rows' foreign keys wait in a queue until the commit and take
        longer than writing them; ``check()`` tests the same keys and rules afterwards, set-based.
        """
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            may = cursor.fetchone()[0]
            if may:
                cursor.execute("SET LOCAL session_replication_role TO replica")
        return may

    def check(self) -> None:
        """Every foreign key of the filled tables, and the rules the schema's triggers hold, in one query each."""
        with connection.cursor() as cursor:
            cursor.execute("""
                SELECT con.conname, child.relname, a.attname, parent.relname, pa.attname
                FROM pg_constraint con
                JOIN pg_class child ON child.oid = con.conrelid
                JOIN pg_class parent ON parent.oid = con.confrelid
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
                JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = con.confkey[1]
                WHERE con.contype = 'f' AND cardinality(con.conkey) = 1 AND child.relname = ANY(%s)
                ORDER BY child.relname, con.conname
            """, [list(FILLED_TABLES)])
            keys = cursor.fetchall()
        checks = [
            (f"{child}.{column} -> {parent}.{parent_column}", f"""
                SELECT count(*) FROM {child} AS c WHERE c.{column} IS NOT NULL
                       AND NOT EXISTS (SELECT FROM {parent} AS p WHERE p.{parent_column} = c.{column})""")
            for _, child, column, parent, parent_column in keys
        ]
        checks += [
            ("a meeting in a negotiation is of its city", """
                SELECT count(*) FROM negotiations_meeting m JOIN negotiations_negotiation n ON n.id = m.negotiation_id
                WHERE m.city_id <> n.city_id"""),
            ("the counterparty of a negotiation is a tech company", """
                SELECT count(*) FROM negotiations_negotiation n JOIN stakeholders_organisation o ON o.id = n.company_id
                WHERE o.kind <> 'tech_company'"""),
        ]
        broken = []
        with progress(total=len(checks), label="checking keys and rules", stream=self.stream) as bar:
            for name, statement in checks:
                with connection.cursor() as cursor:
                    cursor.execute(statement)
                    count = cursor.fetchone()[0]
                if count:
                    broken.append(f"{name}: {count:,} rows")
                bar.update()
        if broken:
            raise ScaleBuildError("The record breaks the schema's rules: " + "; ".join(broken))

    def system_account(self) -> None:
        """The account scheduled jobs act as, which the migrations create and emptying ``auth_user`` removed."""
        self.execute(f"""
            INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff,
                                   is_active, date_joined)
            SELECT max(id) + 1, '!', false, {sql_text(SYSTEM_USERNAME)}, 'System', '(scheduled jobs)', '', false,
                   false, {self.now_sql}
            FROM auth_user
        """)

    # Stages -------------------------------------------------------------------------------------------

    def cities(self, low: int, high: int) -> None:
        rows = []
        for number in range(low, high + 1):
            name, country, zone, languages = CITIES[(number - 1) % len(CITIES)]
            round_ = (number - 1) // len(CITIES)
            if round_:
                name = f"{name} {chr(ord('A') + round_)}"
            slug = name.lower().replace(" ", "-")
            rows.append(
                f"({number}, {sql_text(name)}, {sql_text(slug)}, {sql_text(country)}, {sql_text(zone)}, "
                f"'{_json_list(languages)}'::jsonb)"
            )
        self.execute(
            "INSERT INTO stakeholders_city (id, name, slug, country, time_zone, languages) VALUES " + ", ".join(rows)
        )

    def organisations(self, low: int, high: int) -> None:
        kind = pick_from(KINDS_IN_BLOCK, "i - 1")
        word = "CASE kind " + " ".join(
            f"WHEN {sql_text(k)} THEN {pick_from(words, 'i / ' + str(BLOCK))}" for k, words in KIND_WORDS.items()
        ) + " END"
        name_start = pick_from(NAME_STARTS, self.pick(1, "i", 1_000_000))
        name_end = pick_from(NAME_ENDS, self.pick(2, "i", 1_000_000))
        # One tech company in ten (not the first of its block) is a subsidiary of the block's first.
        parent = f"CASE WHEN kind = 'tech_company' AND (i - 1) % {BLOCK} = 3 THEN i - 3 END"
        self.execute(f"""
            INSERT INTO stakeholders_organisation (id, name, slug, kind, registry_id, website, description,
                                                   parent_id, recorded_by_city_id)
            SELECT i, name, lower(replace(replace(name, '''', ''), ' ', '-')), kind,
                   CASE WHEN {self.r(3, 'i')} < 0.14 THEN ''
                        ELSE lpad(({self.pick(4, 'i', 1_000_000_000)})::text, 12, '0') || '-'
                             || lpad((i % 100)::text, 2, '0') END,
                   'https://www.org-' || i || '.example', 'Fictional organisation generated for a scale test.',
                   {parent}, 1 + i % {self.sizes.cities}
            FROM (
                SELECT i, kind, {name_start} || {name_end} || ' ' || {word} || ' ' || i AS name
                FROM (SELECT i, {kind} AS kind FROM generate_series({low}, {high}) AS i) AS base
            ) AS org
        """)

    def disclosures(self, low: int, high: int) -> None:
        # Tech companies and business associations declare spend and lobbyists for the last three years;
        # one in ten leaves the headcount out.
        self.execute(f"""
            INSERT INTO stakeholders_lobbyingdisclosure (organisation_id, period_start, period_end, jurisdiction,
                declared_spend, currency, declared_lobbyist_headcount, source_url)
            SELECT o.id, make_date(y, 1, 1), make_date(y, 12, 31),
                   {pick_from(("EU", "UK", "NL", "ES", "US"), "o.id")},
                   round((50000 + {self.r(5, 'o.id * 10 + y')} ^ 3 * 5000000)::numeric, 2), 'EUR',
                   CASE WHEN o.id % 10 = 0 THEN NULL ELSE 1 + {self.pick(6, 'o.id * 10 + y', 30)} END,
                   'https://register.example/' || o.id || '/' || y
            FROM stakeholders_organisation o
            CROSS JOIN generate_series({self.today.year - 3}, {self.today.year - 1}) AS y
            WHERE o.id BETWEEN {low} AND {high} AND o.kind IN ('tech_company', 'business_association')
        """)

    def people(self, low: int, high: int) -> None:
        self.execute(f"""
            INSERT INTO stakeholders_person (id, full_name, is_public_official, is_public_figure, notes,
                                             recorded_by_city_id)
            SELECT p, {pick_from(FIRST_NAMES, self.pick(7, 'p', 1_000_000))} || ' '
                      || {pick_from(LAST_NAMES, self.pick(8, 'p', 1_000_000))},
                   (p - 1) % 10 < {OFFICIALS_IN_PERSON_BLOCK},
                   (p - 1) % 10 >= {OFFICIALS_IN_PERSON_BLOCK}
                       AND (p - 1) % 10 < {OFFICIALS_IN_PERSON_BLOCK + FIGURES_IN_PERSON_BLOCK},
                   '', 1 + ((p - 1) / 10) % {self.sizes.cities}
            FROM generate_series({low}, {high}) AS p
        """)

    def affiliations(self, low: int, high: int) -> None:
        s = self.sizes
        official = f"(p - 1) % 10 < {OFFICIALS_IN_PERSON_BLOCK}"
        figure = f"(p - 1) % 10 < {OFFICIALS_IN_PERSON_BLOCK + FIGURES_IN_PERSON_BLOCK}"
        # One official in ten went through the revolving door: a city role that ended, then a tech
        # company's a few weeks later.
        revolving = f"({official} AND (p - 1) / 10 % 10 = 0)"
        start = f"({self.today_sql} - 500 - {self.pick(9, 'p', 2_500)})"
        self.execute(f"""
            INSERT INTO stakeholders_affiliation (person_id, city_id, organisation_id, role, start_on, end_on)
            SELECT p,
                   CASE WHEN {official} THEN 1 + ((p - 1) / 10) % {s.cities} END,
                   CASE WHEN NOT {official} THEN 1 + {self.pick(10, 'p', s.organisations)} END,
                   CASE WHEN {official} THEN {pick_from(OFFICIAL_ROLES, 'p')}
                        WHEN {figure} THEN {pick_from(FIGURE_ROLES, 'p')}
                        ELSE {pick_from(PRIVATE_ROLES, 'p')} END,
                   {start},
                   CASE WHEN {revolving} THEN {start} + 200 + {self.pick(11, 'p', 150)}
                        WHEN {self.r(12, 'p')} < 0.15 THEN {start} + 100 + {self.pick(13, 'p', 250)} END
            FROM generate_series({low}, {high}) AS p
        """)
        self.execute(f"""
            INSERT INTO stakeholders_affiliation (person_id, city_id, organisation_id, role, start_on, end_on)
            SELECT p, NULL, {self.tech_company(self.pick(14, 'p', s.tech_companies))}, 'Head of public policy',
                   {start} + 200 + {self.pick(11, 'p', 150)} + 14 + {self.pick(15, 'p', 60)}, NULL
            FROM generate_series({low}, {high}) AS p
            WHERE {revolving}
        """)

    def users(self, low: int, high: int) -> None:
        if low == 1:
            self.execute(f"""
                INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff,
                                       is_active, date_joined)
                VALUES (1, '!', true, 'admin', 'Scale', 'Admin', 'admin@scale.example.org', true, true, {self.now_sql})
            """)
        # Passwords are unusable ('!'): a scale database is never a demo with a published password.
        self.execute(f"""
            INSERT INTO auth_user (id, password, is_superuser, username, first_name, last_name, email, is_staff,
                                   is_active, date_joined)
            SELECT 2 + {USERS_PER_CITY} * (c.id - 1) + k, '!', false,
                   CASE WHEN k < {ENVOYS_PER_CITY} THEN 'envoy-' ELSE 'staff-' END || c.slug
                       || CASE WHEN k % {ENVOYS_PER_CITY} = 0 OR k = {ENVOYS_PER_CITY} THEN ''
                               ELSE '-' || (CASE WHEN k < {ENVOYS_PER_CITY} THEN k ELSE k - {ENVOYS_PER_CITY} END + 1)
                          END,
                   {pick_from(FIRST_NAMES, 'c.id * 7 + k')}, {pick_from(LAST_NAMES, 'c.id * 11 + k')},
                   'user-' || (2 + {USERS_PER_CITY} * (c.id - 1) + k) || '@scale.example.org', true, true,
                   {self.now_sql} - INTERVAL '2000 days'
            FROM stakeholders_city c CROSS JOIN generate_series(0, {USERS_PER_CITY - 1}) AS k
            WHERE c.id BETWEEN {low} AND {high}
        """)
        self.execute(f"""
            INSERT INTO stakeholders_citymembership (user_id, city_id, role)
            SELECT u.id, 1 + (u.id - 2) / {USERS_PER_CITY},
                   CASE WHEN (u.id - 2) % {USERS_PER_CITY} < {ENVOYS_PER_CITY} THEN 'envoy' ELSE 'council_staff' END
            FROM auth_user u WHERE u.id BETWEEN {2 + USERS_PER_CITY * (low - 1)} AND {1 + USERS_PER_CITY * high}
        """)
        self.execute(f"""
            INSERT INTO auth_user_groups (user_id, group_id)
            SELECT m.user_id, g.id FROM stakeholders_citymembership m
            JOIN auth_group g ON g.name = CASE m.role WHEN 'envoy' THEN 'Envoy' ELSE 'Council staff' END
            WHERE m.city_id BETWEEN {low} AND {high}
        """)

    def topics(self, low: int, high: int) -> None:
        rows = ", ".join(
            f"({number}, {sql_text(name)}, {sql_text(slug)})"
            for number, (name, slug) in enumerate(TOPICS, start=1)
            if low <= number <= high
        )
        self.execute(f"INSERT INTO negotiations_topic (id, name, slug) VALUES {rows}")

    def negotiation_topic(self, expression: str) -> str:
        """The main topic (its 0-based index) of the negotiation ``expression``."""
        return self.pick(20, expression, len(TOPICS))

    def negotiations(self, low: int, high: int) -> None:
        s = self.sizes
        # Skewed: the first cities and companies hold far more negotiations than the last.
        city = f"1 + floor({s.cities} * {self.r(21, 'n')} ^ 1.6)::int"
        company = self.tech_company(f"floor({s.tech_companies} * {self.r(22, 'n')} ^ 2.2)::int")
        stage = pick_from(STAGES, self.pick(23, "n", 1_000))
        opened = f"{self.today_sql} - 60 - {self.pick(24, 'n', 1_800)}"
        topic = pick_from([name for name, _ in TOPICS], self.negotiation_topic("n"))
        self.execute(f"""
            INSERT INTO negotiations_negotiation (id, title, slug, stage, opened_on, closed_on, public_summary,
                is_public, city_id, company_id, lead_envoy_id, announced_at, announced_by_id,
                announcement_proposed_at, announcement_proposed_by_id)
            SELECT n, topic || ': ' || o.name || ' and ' || c.name,
                   'n' || n || '-' || {pick_from([slug for _, slug in TOPICS], self.negotiation_topic('n'))},
                   stage, opened,
                   CASE WHEN stage IN ('concluded', 'abandoned')
                        THEN opened + floor(({self.today_sql} - opened) * {self.r(25, 'n')})::int END,
                   'The city and ' || o.name || ' negotiate on ' || lower(topic) || '.',
                   announced, c.id, o.id, {self.envoy('c.id', 'n')},
                   CASE WHEN announced THEN opened + TIME '10:00' + INTERVAL '10 days' END,
                   CASE WHEN announced THEN {self.staff('c.id', 'n')} END,
                   CASE WHEN announced OR n % 2 = 0 THEN opened + TIME '10:00' + INTERVAL '8 days' END,
                   CASE WHEN announced OR n % 2 = 0 THEN {self.envoy('c.id', 'n')} END
            FROM (
                SELECT n, {city} AS city, {company} AS company, {stage} AS stage, {opened} AS opened,
                       {topic} AS topic, {self.r(26, 'n')} < 0.85 AS announced
                FROM generate_series({low}, {high}) AS n
            ) AS base
            JOIN stakeholders_city c ON c.id = base.city
            JOIN stakeholders_organisation o ON o.id = base.company
        """)
        self.execute(f"""
            INSERT INTO negotiations_negotiation_topics (negotiation_id, topic_id)
            SELECT n, 1 + ({self.negotiation_topic('n')} + extra) % {len(TOPICS)}
            FROM generate_series({low}, {high}) AS n CROSS JOIN generate_series(0, 1) AS extra
            WHERE extra = 0 OR n % 3 = 0
        """)

    def _meeting_columns(self, key: str) -> dict[str, str]:
        """The review and confidentiality columns of the meeting ``key``, shared by both kinds of meeting."""
        delay = self.pick(32, key, 45)
        published_at = f"LEAST(logged_at + INTERVAL '1 day' + {delay} * INTERVAL '1 day', {self.now_sql})"
        return {
            "review_state": f"""CASE WHEN starts_at > {self.now_sql} THEN 'draft'
                                    WHEN {self.r(30, key)} < 0.85 THEN 'published'
                                    WHEN {self.r(30, key)} < 0.93 THEN 'submitted' ELSE 'draft' END""",
            "confidentiality": f"""CASE WHEN {self.r(31, key)} < 0.78 THEN 'public'
                                       WHEN {self.r(31, key)} < 0.90 THEN 'restricted' ELSE 'confidential' END""",
            "published_at": published_at,
        }

    def _insert_meetings(self, select: str) -> None:
        """Inserts meetings from ``select``, which gives the meeting's own columns; review columns follow."""
        self.execute(f"""
            INSERT INTO negotiations_meeting (id, city_id, negotiation_id, topic_id, starts_at, location, format,
                subject, minutes_main_points, minutes_positions, minutes_conclusions, confidentiality,
                withholding_ground, release_on, review_state, logged_at, logged_by_id, submitted_at, published_at,
                published_by_id, first_published_at, released_at)
            SELECT j, city_id, negotiation_id, topic_id, starts_at, location, format, subject,
                   CASE WHEN quality < 0.08 THEN '' WHEN quality < 0.15 THEN {pick_from(VAGUE, 'j')}
                        ELSE {pick_from(MAIN_POINTS, 'j')} END,
                   CASE WHEN quality < 0.15 THEN '' ELSE {pick_from(POSITIONS, 'j')} END,
                   CASE WHEN quality < 0.25 THEN '' ELSE {pick_from(CONCLUSIONS, 'j')} END,
                   confidentiality,
                   CASE WHEN confidentiality = 'public' THEN '' ELSE {pick_from(GROUNDS, 'j')} END,
                   release_on, review_state, logged_at, {self.envoy('city_id', 'j')},
                   CASE WHEN review_state <> 'draft' THEN LEAST(logged_at + INTERVAL '1 day', published_at) END,
                   CASE WHEN review_state = 'published' THEN published_at END,
                   CASE WHEN review_state = 'published' THEN {self.staff('city_id', 'j')} END,
                   CASE WHEN review_state = 'published' THEN published_at END,
                   CASE WHEN review_state = 'published' AND confidentiality = 'confidential'
                             AND release_on < {self.today_sql}
                        THEN GREATEST(release_on + TIME '06:00', published_at) END
            FROM (
                SELECT *, CASE WHEN confidentiality = 'confidential'
                               THEN starts_at::date + 30 + {self.pick(33, 'j', 900)} END AS release_on,
                       {self._meeting_columns('j')['published_at']} AS published_at
                FROM (
                    SELECT *, {self._meeting_columns('j')['review_state']} AS review_state,
                           {self._meeting_columns('j')['confidentiality']} AS confidentiality,
                           LEAST(starts_at + INTERVAL '3 hours', {self.now_sql} - INTERVAL '1 hour') AS logged_at,
                           {self.r(34, 'j')} AS quality
                    FROM ({select}) AS own
                ) AS reviewed
            ) AS meeting
        """)

    def meetings(self, low: int, high: int) -> None:
        s = self.sizes
        topic = self.negotiation_topic("n.id")
        day = f"floor(({self.today_sql} + 20 - n.opened_on) * {self.r(35, 'j')})::int"
        hour = f"make_interval(hours => 8 + {self.pick(36, 'j', 10)})"
        self._insert_meetings(f"""
            SELECT j, n.city_id, n.id AS negotiation_id, 1 + {topic} AS topic_id,
                   ((n.opened_on + {day}) + {hour}) AT TIME ZONE c.time_zone AS starts_at,
                   {pick_from(LOCATIONS, 'j')} AS location, {pick_from(FORMATS, 'j / 7')} AS format,
                   {pick_from([name for name, _ in TOPICS], topic)} || ' with ' || o.name AS subject
            FROM generate_series({low}, {high}) AS j
            JOIN negotiations_negotiation n ON n.id = 1 + (j - 1) % {s.negotiations}
            JOIN stakeholders_city c ON c.id = n.city_id
            JOIN stakeholders_organisation o ON o.id = n.company_id
        """)

    def standalone_meetings(self, low: int, high: int) -> None:
        s = self.sizes
        offset = s.meetings_in_negotiations
        topic = self.pick(37, "j", len(TOPICS))
        day = f"{self.pick(38, 'j', 1_500)}"
        hour = f"make_interval(hours => 8 + {self.pick(36, 'j', 10)})"
        self._insert_meetings(f"""
            SELECT j, c.id AS city_id, NULL::bigint AS negotiation_id, 1 + {topic} AS topic_id,
                   (({self.today_sql} + 14 - {day}) + {hour}) AT TIME ZONE c.time_zone AS starts_at,
                   {pick_from(LOCATIONS, 'j')} AS location, {pick_from(FORMATS, 'j / 7')} AS format,
                   {pick_from([name for name, _ in TOPICS], topic)} || ': hearing with unions and civil society'
                       AS subject
            FROM generate_series({offset + low}, {offset + high}) AS j
            JOIN stakeholders_city c ON c.id = 1 + floor({s.cities} * {self.r(39, 'j')} ^ 1.6)::int
        """)

    def meeting_links(self, low: int, high: int) -> None:
        s = self.sizes
        in_negotiation = s.meetings_in_negotiations
        # In a negotiation: the company, and in one meeting in four a union or civil-society group too.
        self.execute(f"""
            INSERT INTO negotiations_meeting_organisations (meeting_id, organisation_id)
            SELECT m.id, n.company_id FROM negotiations_meeting m
            JOIN negotiations_negotiation n ON n.id = m.negotiation_id
            WHERE m.id BETWEEN {low} AND {min(high, in_negotiation)}
            UNION ALL
            SELECT m.id, {self.voice(40, 'm.id')} FROM negotiations_meeting m
            WHERE m.id BETWEEN {low} AND {high} AND (m.negotiation_id IS NULL OR m.id % 4 = 0)
            UNION ALL
            SELECT m.id, {self.voice(42, 'm.id')} FROM negotiations_meeting m
            WHERE m.id BETWEEN {low} AND {high} AND m.negotiation_id IS NULL AND m.id % 2 = 0
            ON CONFLICT DO NOTHING
        """)
        # An official of the city and someone from the other side; in one meeting in three a third person.
        self.execute(f"""
            INSERT INTO negotiations_meeting_attendees (meeting_id, person_id)
            SELECT m.id, {self.official(44, 'm.city_id', 'm.id')} FROM negotiations_meeting m
            WHERE m.id BETWEEN {low} AND {high}
            UNION ALL
            SELECT m.id, {self.company_side_person(46, 'm.id')} FROM negotiations_meeting m
            WHERE m.id BETWEEN {low} AND {high}
            UNION ALL
            SELECT m.id, {self.company_side_person(48, 'm.id')} FROM negotiations_meeting m
            WHERE m.id BETWEEN {low} AND {high} AND m.id % 3 = 0
            ON CONFLICT DO NOTHING
        """)

    def commitments(self, low: int, high: int) -> None:
        s = self.sizes
        source = f"CASE WHEN {self.r(50, 'k')} < 0.6 THEN 1 + {self.pick(51, 'k', s.meetings_in_negotiations)} END"
        area = f"CASE WHEN {self.r(52, 'k')} < 0.45 THEN 'data_governance' " \
               f"WHEN {self.r(52, 'k')} < 0.9 THEN 'workers_rights' ELSE 'other' END"
        created = (
            f"COALESCE(LEAST(m.starts_at + INTERVAL '1 day', {self.now_sql} - INTERVAL '1 hour'), "
            f"(n.opened_on + floor(({self.today_sql} - n.opened_on) * {self.r(53, 'k')})::int) + TIME '11:00')"
        )
        self.execute(f"""
            INSERT INTO commitments_commitment (id, negotiation_id, source_meeting_id, promiser, area, principle, text,
                due_on, original_due_on, slippage_count, completion, completed_on, evidence, evidence_url,
                created_at, review_state, logged_at, logged_by_id, submitted_at, published_at, published_by_id,
                first_published_at)
            SELECT k, negotiation_id, source_meeting_id, promiser, area,
                   CASE area WHEN 'data_governance' THEN {pick_from(DATA_PRINCIPLES, 'k')}
                             WHEN 'workers_rights' THEN {pick_from(WORKER_PRINCIPLES, 'k')} ELSE 'other' END,
                   {pick_from(COMMITMENT_TEXTS, 'k / 3')} || '.',
                   due_on, due_on - slippage_count * (30 + (k % 60)::int), slippage_count, completion,
                   CASE WHEN completion = 'complete'
                        THEN created_at::date + floor(({self.today_sql} - created_at::date) * {self.r(54, 'k')})::int
                   END,
                   CASE WHEN completion = 'complete' THEN 'The company published the evidence in its report.'
                        ELSE '' END,
                   CASE WHEN completion = 'complete' AND k % 2 = 0 THEN 'https://evidence.example/' || k ELSE '' END,
                   created_at, review_state, created_at, {self.envoy('city_id', 'k')},
                   CASE WHEN review_state <> 'draft' THEN created_at + INTERVAL '1 hour' END,
                   CASE WHEN review_state = 'published' THEN published_at END,
                   CASE WHEN review_state = 'published' THEN {self.staff('city_id', 'k')} END,
                   CASE WHEN review_state = 'published' THEN published_at END
            FROM (
                SELECT *, CASE WHEN {self.r(55, 'k')} < 0.05 THEN NULL
                               ELSE created_at::date + 30 + {self.pick(56, 'k', 720)} END AS due_on,
                       LEAST(created_at + (1 + {self.pick(57, 'k', 30)}) * INTERVAL '1 day', {self.now_sql})
                           AS published_at,
                       CASE WHEN {self.r(55, 'k')} < 0.05 THEN 0 ELSE drawn_slippage END AS slippage_count
                FROM (
                    SELECT k, base.source_meeting_id, n.id AS negotiation_id, n.city_id, {created} AS created_at,
                           CASE WHEN {self.r(58, 'k')} < 0.8 THEN 'company' ELSE 'city' END AS promiser,
                           {area} AS area,
                           {pick_from(COMPLETIONS, self.pick(59, 'k', 100))} AS completion,
                           CASE WHEN {self.r(60, 'k')} < 0.03 THEN 2 WHEN {self.r(60, 'k')} < 0.12 THEN 1 ELSE 0 END
                               AS drawn_slippage,
                           CASE WHEN {self.r(61, 'k')} < 0.85 THEN 'published'
                                WHEN {self.r(61, 'k')} < 0.93 THEN 'submitted' ELSE 'draft' END AS review_state
                    FROM (
                        SELECT k, {source} AS source_meeting_id FROM generate_series({low}, {high}) AS k
                    ) AS base
                    LEFT JOIN negotiations_meeting m ON m.id = base.source_meeting_id
                    JOIN negotiations_negotiation n
                      ON n.id = COALESCE(1 + (base.source_meeting_id - 1) % {s.negotiations},
                                         1 + {self.pick(62, 'k', s.negotiations)})
                ) AS drawn
            ) AS commitment
        """)

    def updates(self, low: int, high: int) -> None:
        # Each due-date move, with its reason; the moves add up to the commitment's slippage.
        self.execute(f"""
            INSERT INTO commitments_commitmentupdate (commitment_id, reported_on, summary, evidence, evidence_url,
                completion, previous_due_on, new_due_on, due_date_reason, review_state, logged_at, logged_by_id,
                submitted_at, published_at, published_by_id, first_published_at, applied_at)
            SELECT c.id, LEAST(c.created_at::date + 7 * move, {self.today_sql}),
                   'The due date moved.', '', '', '',
                   c.original_due_on + (move - 1) * (c.due_on - c.original_due_on) / c.slippage_count,
                   c.original_due_on + move * (c.due_on - c.original_due_on) / c.slippage_count,
                   'The company asked for more time to ' || {pick_from(('finish the audit', 'consult the works council',
                                                                        'move the servers'), 'c.id')} || '.',
                   c.review_state, c.created_at, c.logged_by_id, c.submitted_at, c.published_at, c.published_by_id,
                   c.first_published_at, CASE WHEN c.review_state <> 'submitted' THEN c.created_at END
            FROM commitments_commitment c CROSS JOIN generate_series(1, 2) AS move
            WHERE c.id BETWEEN {low} AND {high} AND move <= c.slippage_count
        """)
        # Progress reports on one commitment in two; a finished commitment's report says how it finished.
        self.execute(f"""
            INSERT INTO commitments_commitmentupdate (commitment_id, reported_on, summary, evidence, evidence_url,
                completion, previous_due_on, new_due_on, due_date_reason, review_state, logged_at, logged_by_id,
                submitted_at, published_at, published_by_id, first_published_at, applied_at)
            SELECT c.id, reported_on,
                   CASE WHEN c.completion = 'complete' THEN {sql_text(UPDATE_TEXTS[3])}
                        ELSE {pick_from(UPDATE_TEXTS, 'c.id')} END,
                   CASE WHEN c.completion = 'complete' THEN c.evidence ELSE '' END,
                   CASE WHEN c.completion = 'complete' THEN c.evidence_url ELSE '' END,
                   CASE WHEN c.completion = 'not_started' THEN '' ELSE c.completion END,
                   NULL, NULL, '', c.review_state, reported_on + TIME '09:00', c.logged_by_id,
                   CASE WHEN c.review_state <> 'draft' THEN reported_on + TIME '10:00' END,
                   CASE WHEN c.review_state = 'published' THEN GREATEST(c.published_at, reported_on + TIME '11:00') END,
                   c.published_by_id,
                   CASE WHEN c.review_state = 'published' THEN GREATEST(c.published_at, reported_on + TIME '11:00') END,
                   CASE WHEN c.review_state = 'draft' THEN reported_on + TIME '09:00'
                        WHEN c.review_state = 'published' THEN GREATEST(c.published_at, reported_on + TIME '11:00')
                   END
            FROM (
                SELECT c.*, COALESCE(
                    c.completed_on, LEAST(c.created_at::date + 14 + (c.id % 200)::int, {self.today_sql} - 1)
                ) AS reported_on
                FROM commitments_commitment c
                WHERE c.id BETWEEN {low} AND {high} AND c.id % 2 = 0
            ) AS c
        """)

    def flags(self, low: int, high: int) -> None:
        # Overdue open commitments are flagged, except one in five the next run of the job will find;
        # commitments completed late keep their cleared flag; those due within 14 days have a warning.
        # Flags were raised and their alerts queued the day after the due date.
        self.execute(f"""
            INSERT INTO commitments_overdueflag (commitment_id, kind, due_on, raised_at, cleared_at, notified_at)
            SELECT c.id, 'overdue', c.due_on, (c.due_on + 1) + TIME '02:00',
                   CASE WHEN c.completion = 'complete' THEN c.completed_on + TIME '18:00' END,
                   (c.due_on + 1) + TIME '02:05'
            FROM commitments_commitment c
            WHERE c.id BETWEEN {low} AND {high} AND c.due_on < {self.today_sql} - 1 AND (
                (c.completion IN ('not_started', 'limited', 'substantial') AND c.id % 5 <> 0)
                OR (c.completion = 'complete' AND c.completed_on > c.due_on)
            )
            UNION ALL
            SELECT c.id, 'due_soon', c.due_on, {self.now_sql} - INTERVAL '1 day', NULL, NULL
            FROM commitments_commitment c
            WHERE c.id BETWEEN {low} AND {high} AND c.completion IN ('not_started', 'limited', 'substantial')
              AND c.due_on BETWEEN {self.today_sql} + 1 AND {self.today_sql} + 14
        """)
