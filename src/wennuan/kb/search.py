"""Full-text search over entries, on the engine in use: FTS5 with BM25 on SQLite, a GIN-indexed
``tsvector`` with ``ts_rank`` on PostgreSQL. Both read the same jieba terms (``kb.text``).

``ranked_ids(rows, terms)`` answers the ids of ``rows`` (any queryset of entries, already narrowed to
what the caller may read) that match any of ``terms``, best first, with the engine's score (higher is
better on both). The schema each engine needs is created by migration 0002 from ``schema_sql``.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction

# Candidates fetched from the index before the tie-break re-orders them (kb.selectors.search).
CANDIDATES = 50
# BM25 column weights (question terms, body terms) and ts_rank's weights (D, C, B, A): a word in the
# question counts several times a word in the answer, on both engines.
BM25_WEIGHTS = (4.0, 1.0)
TS_WEIGHTS = "{0.1, 0.2, 0.25, 1.0}"
# PostgreSQL: a term in this share of the entries or more does not make an entry a candidate (_telling_pg).
COMMON_SHARE = 0.2

SQLITE_SCHEMA = [
    "CREATE VIRTUAL TABLE kb_entry_fts USING fts5("
    "question_terms, body_terms, content='kb_entry', content_rowid='id')",
    "CREATE TRIGGER kb_entry_fts_insert AFTER INSERT ON kb_entry BEGIN "
    "INSERT INTO kb_entry_fts(rowid, question_terms, body_terms) "
    "VALUES (new.id, new.question_terms, new.body_terms); END",
    "CREATE TRIGGER kb_entry_fts_delete AFTER DELETE ON kb_entry BEGIN "
    "INSERT INTO kb_entry_fts(kb_entry_fts, rowid, question_terms, body_terms) "
    "VALUES ('delete', old.id, old.question_terms, old.body_terms); END",
    "CREATE TRIGGER kb_entry_fts_update AFTER UPDATE OF question_terms, body_terms ON kb_entry BEGIN "
    "INSERT INTO kb_entry_fts(kb_entry_fts, rowid, question_terms, body_terms) "
    "VALUES ('delete', old.id, old.question_terms, old.body_terms); "
    "INSERT INTO kb_entry_fts(rowid, question_terms, body_terms) "
    "VALUES (new.id, new.question_terms, new.body_terms); END",
    # the index's terms and in how many entries each occurs (ranked_ids leaves out those in most entries)
    "CREATE VIRTUAL TABLE kb_entry_fts_terms USING fts5vocab(kb_entry_fts, 'row')",
    # entries that existed before the index (none on a fresh database; harmless otherwise)
    "INSERT INTO kb_entry_fts(kb_entry_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TABLE IF EXISTS kb_entry_fts_terms",
    "DROP TRIGGER IF EXISTS kb_entry_fts_insert",
    "DROP TRIGGER IF EXISTS kb_entry_fts_delete",
    "DROP TRIGGER IF EXISTS kb_entry_fts_update",
    "DROP TABLE IF EXISTS kb_entry_fts",
]
POSTGRES_SCHEMA = [
    # 'simple': no stemming or stop words of its own; the terms are jieba's, already chosen.
    "ALTER TABLE kb_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', question_terms), 'A') || "
    "setweight(to_tsvector('simple', body_terms), 'B')) STORED",
    "CREATE INDEX kb_entry_search_gin ON kb_entry USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS kb_entry_search_gin",
    "ALTER TABLE kb_entry DROP COLUMN IF EXISTS search_vector",
]


def schema_sql(vendor: str, *, drop: bool = False) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_DROP if drop else SQLITE_SCHEMA
    if vendor == "postgresql":
        return POSTGRES_DROP if drop else POSTGRES_SCHEMA
    return []


def _fts5_match(terms: list[str]) -> str:
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _tsquery(terms: list[str]) -> str:
    return " | ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in terms)


def _telling(cur, terms: list[str]) -> list[str]:
    """``terms`` without those found in half the entries or more: FTS5's BM25 gives such a term an IDF of
    1e-6 (``log((N - n + 0.5) / (n + 0.5))`` ≤ 0 is clamped), so it changes no score, yet matching it
    makes BM25 visit most of the table (暖气 in a heating knowledge base). Terms in no entry go too. All
    of them when no term in fewer than half the entries is left (a small knowledge base)."""
    marks = ", ".join(["%s"] * len(terms))
    cur.execute(f"SELECT term, doc FROM kb_entry_fts_terms WHERE term IN ({marks})", terms)
    docs = dict(cur.fetchall())
    cur.execute("SELECT count(*) FROM kb_entry")
    total = cur.fetchone()[0]
    kept = [t for t in terms if docs.get(t, 0) > 0 and docs[t] * 2 < total]
    return kept or terms


def _telling_pg(cur, terms: list[str]) -> list[str]:
    """The terms an entry must contain to be ranked at all: ``terms`` without those in COMMON_SHARE of the
    entries or more, by the planner's statistics of the tsvector column (ANALYZE keeps each common
    lexeme's share of rows; a term it does not list is not common). ts_rank has no inverse document
    frequency, so matching 暖气 in a heating knowledge base made it score nearly every row (150 ms at
    10,000 entries) to find the few that also say something telling. The ranking still weighs every
    term. All of them when nothing else is left, or before the table was first analysed."""
    cur.execute(
        "SELECT x.term FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) "
        "AS x(term, share) WHERE s.schemaname = current_schema() AND s.tablename = 'kb_entry' "
        "AND s.attname = 'search_vector' AND x.share >= %s AND x.term = ANY(%s)",
        [COMMON_SHARE, terms],
    )
    common = {row[0] for row in cur.fetchall()}
    kept = [t for t in terms if t not in common]
    return kept or terms


def ranked_ids(rows, terms: list[str], *, limit: int = CANDIDATES) -> list[tuple[int, float]]:
    """[(entry id, score)] of ``rows`` matching any term, best first, at most ``limit``."""
    if not terms:
        return []
    try:
        scope_sql, scope_params = rows.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # rows.none(): a caller without scope
        return []
    if connection.vendor == "postgresql":
        return _ranked_pg(terms, scope_sql, scope_params, limit)
    return _ranked_sqlite(terms, scope_sql, scope_params, limit)


def _ranked_pg(terms, scope_sql, scope_params, limit):
    # The planner prices @@ as a cheap operator and does not see that a sequential scan decompresses
    # every row's vector to test it (5 µs a row): it chose that over the GIN index for a few hundred
    # matches (36 ms against 3 ms at 10,000 entries). Seq scans are off for this statement only: the
    # setting is local to a transaction (a savepoint when nested) and put back after it.
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
        before = cur.fetchone()[0]
        cur.execute(
            "SELECT e.id, ts_rank(%s::float4[], e.search_vector, q, 1) AS score "
            "FROM kb_entry e, to_tsquery('simple', %s) q "
            f"WHERE e.search_vector @@ to_tsquery('simple', %s) AND e.id IN ({scope_sql}) "
            "ORDER BY score DESC, e.id LIMIT %s",
            [TS_WEIGHTS, _tsquery(terms), _tsquery(_telling_pg(cur, terms)), *scope_params, limit],
        )
        found = cur.fetchall()
        cur.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
    return [(row[0], float(row[1])) for row in found]


def _ranked_sqlite(terms, scope_sql, scope_params, limit):
    with connection.cursor() as cur:
        terms = _telling(cur, terms)
        # The match is materialised first: with the scope filter beside it, SQLite's planner walks the
        # scope's rows and runs the full-text query once per row (0.6 s at 1,000 entries).
        cur.execute(
            "WITH matched AS MATERIALIZED (SELECT rowid AS id, -bm25(kb_entry_fts, %s, %s) AS score "
            "FROM kb_entry_fts WHERE kb_entry_fts MATCH %s) "
            f"SELECT id, score FROM matched WHERE id IN ({scope_sql}) ORDER BY score DESC, id LIMIT %s",
            [*BM25_WEIGHTS, _fts5_match(terms), *scope_params, limit],
        )
        return [(row[0], float(row[1])) for row in cur.fetchall()]
