"""A citizen's visit to the public record: pages, feeds, downloads and the public API.

Run by tests/perf/load_public.py, which starts gunicorn on the demo data and passes the ids and
slugs that exist there in LOAD_TARGETS (JSON). Each simulated citizen waits between requests
(LOAD_WAIT_MIN/LOAD_WAIT_MAX seconds), as a reader does; the weights are a guess at what people read
most: the home page and lists first, then details, then feeds, downloads and the API.
"""

import json
import os
import random

from locust import HttpUser, between, task

TARGETS = json.loads(os.environ.get("LOAD_TARGETS", "{}"))


def _pick(kind: str):
    return random.choice(TARGETS[kind])  # noqa: S311 - picking pages, not secrets


class Citizen(HttpUser):
    wait_time = between(float(os.environ.get("LOAD_WAIT_MIN", "0.5")), float(os.environ.get("LOAD_WAIT_MAX", "1.5")))

    @task(6)
    def home(self):
        self.client.get("/", name="/")

    @task(4)
    def commitments(self):
        self.client.get("/commitments/", name="/commitments/")

    @task(2)
    def commitments_filtered(self):
        self.client.get(f"/commitments/?city={_pick('city_slugs')}", name="/commitments/?city=")

    @task(3)
    def city(self):
        self.client.get(f"/cities/{_pick('city_slugs')}/", name="/cities/[slug]/")

    @task(3)
    def company(self):
        self.client.get(f"/companies/{_pick('company_slugs')}/", name="/companies/[slug]/")

    @task(4)
    def negotiation(self):
        self.client.get(f"/negotiations/{_pick('negotiation_slugs')}/", name="/negotiations/[slug]/")

    @task(3)
    def meeting(self):
        self.client.get(f"/meetings/{_pick('meeting_ids')}/", name="/meetings/[id]/")

    @task(2)
    def commitment(self):
        self.client.get(f"/commitments/{_pick('commitment_ids')}/", name="/commitments/[id]/")

    @task(2)
    def risk(self):
        self.client.get("/risk/", name="/risk/")

    @task(1)
    def corrections(self):
        self.client.get("/corrections/", name="/corrections/")

    @task(1)
    def vietnamese_home(self):
        self.client.get("/vi/", name="/vi/")

    @task(1)
    def feed(self):
        self.client.get("/feeds/meetings/", name="/feeds/meetings/")

    @task(1)
    def download(self):
        self.client.get("/data/commitments.csv", name="/data/commitments.csv")

    @task(2)
    def api_meetings(self):
        self.client.get("/api/public/v1/meetings/", name="/api/public/v1/meetings/")

    @task(2)
    def api_commitments(self):
        self.client.get("/api/public/v1/commitments/", name="/api/public/v1/commitments/")

    @task(1)
    def api_cities(self):
        self.client.get("/api/public/v1/cities/", name="/api/public/v1/cities/")
