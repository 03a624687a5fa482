#!/usr/bin/env python3
"""Times pages and API answers of a running masteryhub against a static server sending the same
bytes (crates/web/examples/static_server.rs), over keep-alive connections, one request at a time.

usage: bench/pages.py [options] APP_URL STATIC_DIR STATIC_URL [REQUESTS]
  1. signs in through the sign-in form (GET /sign-in for the form cookie and its CSRF token, POST
     the email address, password and token, keep the session cookie) for the pages, and sends
     `Authorization: Bearer TOKEN` with the API requests;
  2. fetches every path below from the app and saves the bodies into STATIC_DIR (+ index.tsv);
  3. expects the static server to be started on STATIC_DIR afterwards (bench/run.sh does it);
  4. prints p50 / p95 per path for both, and the ratio of the medians.
With STATIC_URL "-", only steps 1 and 2.

options (or their environment variables):
  --email ADDRESS   who signs in (BENCH_EMAIL; default national-admin@demo.masteryhub.example,
                    who may see every page below)
  --password TEXT   their password (BENCH_PASSWORD; the demo's --demo-password)
  --token TOKEN     an API token (BENCH_TOKEN; `masteryhub token create --email ... --label ...`)
  --school URN      the school whose page and API answer are timed (default 137666, national scale)
  --hub CODE        the hub whose page is timed (default LCW)
"""
import argparse
import html
import http.client
import os
import re
import statistics
import sys
import time
import urllib.parse

# {school} and {hub} are filled in from --school and --hub.
PATHS = [
    "/schools/{school}",
    "/api/v1/schools/{school}",
    "/schools?q=chudleigh",
    "/schools?q=leeds",
    "/schools?q=st+mary",
    "/schools?q=academy",
    "/api/v1/schools?q=wood",
    "/schools?state_funded=true&secondary=true&open=true",
    "/schools?state_funded=true&secondary=true&open=true&page=20",
    "/schools",
    "/hubs",
    "/hubs/{hub}",
    "/",
]


def connect(url):
    parts = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


class Client:
    """What a signed-in person's requests carry: the session cookie for pages, the bearer token
    for the API."""

    def __init__(self, cookies="", token=""):
        self.cookies = cookies
        self.token = token

    def headers(self, path):
        if path.startswith("/api/"):
            return {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        return {"Cookie": self.cookies} if self.cookies else {}


def cookies_from(response, jar):
    """Adds the response's Set-Cookie values to `jar` (name -> value); an emptied one goes."""
    for header in response.msg.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        value = rest.split(";", 1)[0]
        if value and "max-age=0" not in header.lower():
            jar[name.strip()] = value
        else:
            jar.pop(name.strip(), None)


def sign_in(app_url, email, password):
    """Signs in through the form, as a browser does; returns the Cookie header to send."""
    conn = connect(app_url)
    jar = {}
    conn.request("GET", "/sign-in")
    response = conn.getresponse()
    page = response.read().decode("utf-8", "replace")
    cookies_from(response, jar)
    if response.status != 200:
        sys.exit(f"GET /sign-in answered {response.status}")
    match = re.search(r'name="csrf_token" value="([^"]*)"', page)
    if not match:
        sys.exit("the sign-in form has no csrf_token field")
    form = urllib.parse.urlencode(
        {"email": email, "password": password, "csrf_token": html.unescape(match.group(1))}
    )
    conn.request(
        "POST",
        "/sign-in",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
        },
    )
    response = conn.getresponse()
    response.read()
    cookies_from(response, jar)
    if response.status != 303 or response.getheader("Location", "").startswith("/sign-in"):
        sys.exit(f"signing in as {email} failed: POST /sign-in answered {response.status} (wrong password?)")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def fetch(conn, path, client):
    conn.request("GET", path, headers=client.headers(path))
    response = conn.getresponse()
    body = response.read()
    return response.status, response.getheader("content-type") or "", body


def save(app_url, folder, client, paths):
    os.makedirs(folder, exist_ok=True)
    conn = connect(app_url)
    with open(os.path.join(folder, "index.tsv"), "w") as index:
        for i, path in enumerate(paths):
            status, kind, body = fetch(conn, path, client)
            if status != 200:
                sys.exit(f"{path} answered {status}")
            name = f"{i}.body"
            with open(os.path.join(folder, name), "wb") as f:
                f.write(body)
            index.write(f"{path}\t{name}\t{kind}\n")


def timings(url, path, requests, client):
    conn = connect(url)
    for _ in range(5):  # warm up
        fetch(conn, path, client)
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        status, _, _ = fetch(conn, path, client)
        samples.append((time.perf_counter() - start) * 1000)
        if status != 200:
            sys.exit(f"{url}{path} answered {status}")
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("app_url")
    parser.add_argument("folder")
    parser.add_argument("static_url")
    parser.add_argument("requests", nargs="?", type=int, default=200)
    parser.add_argument(
        "--email", default=os.environ.get("BENCH_EMAIL", "national-admin@demo.masteryhub.example")
    )
    parser.add_argument("--password", default=os.environ.get("BENCH_PASSWORD"))
    parser.add_argument("--token", default=os.environ.get("BENCH_TOKEN"))
    parser.add_argument("--school", default="137666")
    parser.add_argument("--hub", default="LCW")
    args = parser.parse_args()
    if not args.password or not args.token:
        sys.exit("give --password (BENCH_PASSWORD) and --token (BENCH_TOKEN): see bench/run.sh")
    paths = [p.format(school=args.school, hub=args.hub) for p in PATHS]
    client = Client(sign_in(args.app_url, args.email, args.password), args.token)
    if args.static_url == "-":
        save(args.app_url, args.folder, client, paths)
        return
    print(f"{'path':62} {'app p50':>8} {'app p95':>8} {'static':>8} {'ratio':>6}")
    for path in paths:
        app50, app95 = timings(args.app_url, path, args.requests, client)
        static50, _ = timings(args.static_url, path, args.requests, client)
        print(f"{path:62} {app50:7.2f}ms {app95:7.2f}ms {static50:7.2f}ms {app50 / static50:6.1f}")


if __name__ == "__main__":
    main()
