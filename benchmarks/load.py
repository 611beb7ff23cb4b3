"""Benchmark the site under the production server: N concurrent clients, page by page.

Creates a throwaway PostgreSQL database, loads the demo into it (`oversight demo --no-serve`,
with a temporary OVERSIGHT_HOME), collects the static files and starts `oversight serve` as
production runs it (its defaults for workers and threads unless OVERSIGHT_WORKERS and
OVERSIGHT_THREADS are set; the access log to a file). Signs one client per concurrent client in
as the demo's Commissioner's team user, then drives all of them, one page at a time for
--seconds each, with no pause between requests, over the RAG overview, a measure page, the
public home page, the latest publication's measure page, and a static file of about the
overview's size served by the same server: the floor, measured in the same run. Prints
requests a second, the median and 95th percentile milliseconds and errors per page, with each
page's p95 as a multiple of the floor's. Drops the database and the home at the end.

    python benchmarks/load.py [--clients 50] [--seconds 20] [--postgres URL]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
USER = "opcc"  # the demo's Commissioner's team member who requests publications


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _oversight(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "oversight", *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"oversight {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


@contextmanager
def throwaway_database(server: str) -> Iterator[str]:
    """Create an empty PostgreSQL database on `server`; yield its URL; drop it afterwards."""
    name = f"oversight_load_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    """Start `oversight serve`; yield the line it prints once listening; stop it afterwards."""
    server = subprocess.Popen(
        [sys.executable, "-m", "oversight", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        for line in server.stdout:
            if line.startswith("Serving Oversight at"):
                break
        else:
            sys.exit("oversight serve stopped before listening")
        yield line.strip()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        server.stdout.close()


@dataclass
class Client:
    """One keep-alive connection, with the session of a signed-in user."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, *, body: str | None = None, session: bool = True
    ) -> tuple[int, dict[str, str], bytes]:
        """Return the status, headers and body of one request."""
        headers = {"Host": f"{HOST}:{self.port}"}
        if session and self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.HTTPException):
                # The server closed an idle keep-alive connection: open another, once.
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, dict(response.headers), data

    def sign_in(self, username: str, password: str) -> None:
        """Sign in through the login form, as a browser does."""
        _, _, page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urlencode(
            {"csrfmiddlewaretoken": token.decode(), "username": username, "password": password}
        )
        status, _, _ = self.request("POST", "/accounts/login/", body=form)
        if status != 302 or "sessionid" not in self.cookies:
            sys.exit(f"signing in as {username} failed ({status})")


def drive(
    clients: list[Client], path: str, seconds: float, *, session: bool
) -> tuple[list[float], int, int]:
    """Request `path` from every client, back to back, for `seconds`; return the latencies
    in milliseconds of the successful requests, the errors and the body size."""
    times: list[list[float]] = [[] for _ in clients]
    errors = [0] * len(clients)
    size = [0]
    deadline = time.perf_counter() + seconds

    def run(i: int, client: Client) -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status, _, body = client.request("GET", path, session=session)
            except OSError:
                errors[i] += 1
                continue
            if status == 200:
                times[i].append((time.perf_counter() - started) * 1000)
                size[0] = len(body)
            else:
                errors[i] += 1

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [t for ts in times for t in ts], sum(errors), size[0]


def _static_like(home: Path, size: int) -> str:
    """Return the URL of the collected, hashed static file nearest `size` bytes."""
    root = home / "static"
    paths = json.loads((root / "staticfiles.json").read_text())["paths"].values()
    best = min(paths, key=lambda p: abs((root / p).stat().st_size - size))
    return f"/static/{best}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=20, help="seconds a page")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres",
        help="PostgreSQL server to make the throwaway database on",
    )
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="oversight-bench-load-"))
    try:
        with throwaway_database(args.postgres) as url:
            port = _free_port()
            env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
            env.update(
                OVERSIGHT_HOME=str(home),
                DATABASE_URL=url,
                SECRET_KEY=secrets.token_urlsafe(50),
                ALLOWED_HOSTS=HOST,
                OVERSIGHT_STATIC_COLLECTED="true",
                OVERSIGHT_BIND=f"{HOST}:{port}",
                OVERSIGHT_ACCESS_LOG=str(home / "access.log"),
            )
            started = time.perf_counter()
            _oversight("collectstatic", "--noinput", env=env)
            _oversight("demo", "--no-serve", env=env)
            print(f"demo loaded into PostgreSQL in {time.perf_counter() - started:.0f} s")
            run(env, home, port, args)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run(env: dict[str, str], home: Path, port: int, args: argparse.Namespace) -> None:
    """Sign the clients in and drive each page; print the figures."""
    logins = dict(
        line.split(":", 1) for line in (home / "demo_logins.txt").read_text().splitlines()
    )
    with serving(env) as listening:
        print(listening)
        clients = [Client(port) for _ in range(args.clients)]
        signing = [threading.Thread(target=c.sign_in, args=(USER, logins[USER])) for c in clients]
        for t in signing:
            t.start()
        for t in signing:
            t.join()
        status, headers, _ = clients[0].request("GET", "/public/measures/PUK01/", session=False)
        assert status == 302, status
        latest = urlsplit(headers["Location"]).path
        _, _, overview = clients[0].request("GET", "/reports/")
        static = _static_like(home, len(overview))
        pages = [
            ("static floor", static, False),
            ("overview /reports/", "/reports/", True),
            ("measure /reports/measures/PUK01/", "/reports/measures/PUK01/", True),
            ("public /public/", "/public/", False),
            (f"public {latest}", latest, False),
        ]
        print(
            f"{args.clients} clients signed in as {USER}; each page {args.seconds:g} s, "
            f"requests back to back; floor: {static}\n"
        )
        print(
            f"{'page':<46}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'bytes':>9}"
            f"{'p95/floor':>11}"
        )
        floor = None
        for name, path, session in pages:
            times, errors, size = drive(clients, path, args.seconds, session=session)
            p95 = _percentile(times, 0.95) if times else float("nan")
            floor = floor or p95
            print(
                f"{name:<46}{len(times) / args.seconds:>8.0f}"
                f"{_percentile(times, 0.5) if times else float('nan'):>9.1f}{p95:>9.1f}"
                f"{errors:>8}{size:>9,}{p95 / floor:>10.1f}×"
            )
        for c in clients:
            if c.connection:
                c.connection.close()


if __name__ == "__main__":
    main()
