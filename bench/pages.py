#!/usr/bin/env python3
"""Times pages and API answers of a running masteryhub against a static server sending the same
bytes (crates/web/examples/static_server.rs), over keep-alive connections, one request at a time.

usage: bench/pages.py APP_URL STATIC_DIR STATIC_URL [REQUESTS]
  1. fetches every path below from the app and saves the bodies into STATIC_DIR (+ index.tsv);
  2. expects the static server to be started on STATIC_DIR afterwards (bench/run.sh does it);
  3. prints p50 / p95 per path for both, and the ratio of the medians.
"""
import http.client
import os
import statistics
import sys
import time
import urllib.parse

PATHS = [
    "/schools/137666",
    "/api/v1/schools/137666",
    "/schools?q=chudleigh",
    "/schools?q=leeds",
    "/schools?q=st+mary",
    "/schools?q=academy",
    "/api/v1/schools?q=wood",
    "/schools?state_funded=true&secondary=true&open=true",
    "/schools?state_funded=true&secondary=true&open=true&page=20",
    "/schools",
    "/hubs",
    "/hubs/LCW",
    "/",
]


def connect(url):
    parts = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)


def fetch(conn, path):
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    return response.status, response.getheader("content-type") or "", body


def save(app_url, folder):
    os.makedirs(folder, exist_ok=True)
    conn = connect(app_url)
    with open(os.path.join(folder, "index.tsv"), "w") as index:
        for i, path in enumerate(PATHS):
            status, kind, body = fetch(conn, path)
            if status != 200:
                sys.exit(f"{path} answered {status}")
            name = f"{i}.body"
            with open(os.path.join(folder, name), "wb") as f:
                f.write(body)
            index.write(f"{path}\t{name}\t{kind}\n")


def timings(url, path, requests):
    conn = connect(url)
    for _ in range(5):  # warm up
        fetch(conn, path)
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        status, _, _ = fetch(conn, path)
        samples.append((time.perf_counter() - start) * 1000)
        if status != 200:
            sys.exit(f"{url}{path} answered {status}")
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main():
    app_url, folder, static_url = sys.argv[1], sys.argv[2], sys.argv[3]
    requests = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    if static_url == "-":
        save(app_url, folder)
        return
    print(f"{'path':62} {'app p50':>8} {'app p95':>8} {'static':>8} {'ratio':>6}")
    for path in PATHS:
        app50, app95 = timings(app_url, path, requests)
        static50, _ = timings(static_url, path, requests)
        print(f"{path:62} {app50:7.2f}ms {app95:7.2f}ms {static50:7.2f}ms {app50 / static50:6.1f}")


if __name__ == "__main__":
    main()
