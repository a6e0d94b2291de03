"""Set a table's secondary indexes and constraints aside during a large first load, then rebuild them.

Maintaining eleven indexes and checking three foreign keys row by row costs most of a million-row load;
building each index once, sorted, and validating each foreign key with one join is several times faster.
Everything happens inside the import's transaction (DDL is transactional on both engines), so a rejected
or failed import leaves the schema exactly as it was. The definitions are read from the database
catalogue and replayed verbatim, so names and options stay what the migrations made.

Only used when the table is empty at the start of the import: nothing else can be reading rows that do
not exist yet, so the exclusive lock costs nobody anything.
"""

from django.db import connection


class DeferredIndexes:
    def __init__(self, table: str):
        self.table = table
        self.restore: list[str] = []

    def drop(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                self._drop_postgresql(cursor)
            elif connection.vendor == "sqlite":
                self._drop_sqlite(cursor)

    def _drop_postgresql(self, cursor):
        cursor.execute(
            """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
               WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC, conname""",
            [self.table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """SELECT i.indexname, i.indexdef FROM pg_indexes i
               WHERE i.schemaname = current_schema() AND i.tablename = %s
                 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
               ORDER BY i.indexname""",
            [self.table],
        )
        indexes = cursor.fetchall()
        for name, _ in constraints:
            cursor.execute(f'ALTER TABLE "{self.table}" DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        self.restore = [f'ALTER TABLE "{self.table}" ADD CONSTRAINT "{n}" {d}' for n, d in constraints]
        self.restore += [d for _, d in indexes]

    def _drop_sqlite(self, cursor):
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
            [self.table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        self.restore = [sql for _, sql in indexes]

    def rebuild(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Index builds sort in memory up to this; the default 64 MB spills a million rows to disk.
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for sql in self.restore:
                cursor.execute(sql)
        self.restore = []
