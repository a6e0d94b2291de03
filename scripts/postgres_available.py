"""Exit 0 when the PostgreSQL server of WENNUAN_PG_URL answers, 1 otherwise (with the reason)."""

import os
import sys

import psycopg

url = os.environ.get("WENNUAN_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
try:
    psycopg.connect(url, connect_timeout=5).close()
except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
    print(f"PostgreSQL not reachable at {url}: {exc}", file=sys.stderr)
    sys.exit(1)
