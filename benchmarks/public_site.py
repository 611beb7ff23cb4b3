"""Benchmark the public site: freezing a publication, and serving each public page type.

Builds a board in a fresh SQLite database (a temporary OVERSIGHT_HOME, migrated): the example
plan (32 measures, two BCUs, eight themes), 36 months of synthetic values for the force, each
BCU and the age bands (tests/factories/board.py), presented as a snapshot. Times the request
(content built with disclosure control) and the approval, then requests each public page type
many times through Django's test client (the whole stack: middleware, view, template) and
prints the median and 95th percentile milliseconds per page, and the content's size.

    python benchmarks/public_site.py [--requests 50]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from _site import fresh_site


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per page type")
    args = parser.parse_args()

    with fresh_site("public"):
        from django.test import Client

        from oversight.performance.services import create_snapshot, mark_presented
        from oversight.publishing.services import approve, request_publication
        from tests.factories.board import PERIOD, add_observations, load_plan
        from tests.factories.people import persona

        plan = load_plan()
        add_observations(plan, period=PERIOD)
        snapshot = mark_presented(snapshot=create_snapshot(period=PERIOD, by=None), by=None)
        requester = persona("commissioners_team", username="requester")
        approver = persona("commissioners_team", username="approver")

        started = time.perf_counter()
        request = request_publication(snapshot=snapshot, by=requester)
        frozen = time.perf_counter() - started
        started = time.perf_counter()
        publication = approve(publication=request, by=approver)
        approved = time.perf_counter() - started
        size = len(json.dumps(publication.content))
        print(f"request (freeze with disclosure control): {frozen * 1000:,.0f} ms")
        print(f"approve: {approved * 1000:,.0f} ms; content {size / 1024:,.0f} KiB")

        n = publication.number
        code = publication.content["measures"][0]["code"]
        pages = {
            "home": "/public/",
            "archive": "/public/publications/",
            "overview": f"/public/publications/{n}/",
            "plan": f"/public/publications/{n}/plan/",
            "measure": f"/public/publications/{n}/measures/{code}/",
            "chart.svg": f"/public/publications/{n}/measures/{code}/chart.svg",
            "themes": f"/public/publications/{n}/themes/",
            "roadmap": f"/public/publications/{n}/roadmap/",
            "open data": f"/public/publications/{n}/data/",
            "overview.csv": f"/public/publications/{n}/data/overview.csv",
            "monthly-figures.csv": f"/public/publications/{n}/data/monthly-figures.csv",
        }
        client = Client(SERVER_NAME="127.0.0.1")
        print(f"\n{'page':<22}{'median ms':>10}{'p95 ms':>9}{'bytes':>10}")
        for name, path in pages.items():
            times = []
            for _ in range(args.requests):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            print(
                f"{name:<22}{statistics.median(times):>10.1f}{_percentile(times, 0.95):>9.1f}"
                f"{len(response.content):>10,}"
            )


if __name__ == "__main__":
    main()
