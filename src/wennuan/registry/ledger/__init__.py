"""The household ledger (住户台账): the spreadsheet the heating companies keep, read and written here.

- ``columns``: the header row (Chinese, with English aliases) and the order of the cells.
- ``readers``: CSV (UTF-8 with/without BOM, GB18030) and Excel files, streamed as rows of strings.
- ``validation``: one row of strings → a clean ``LedgerRow`` or the ``RowError``s that explain why not.
- ``importer``: ``import_ledger`` — the service that upserts households (one transaction, one audit entry).
- ``exporter``: ``export_ledger`` — households back to an .xlsx with the same header.
- ``generator``: realistic ledger rows for a demo city (used by ``wennuan demo`` and the benchmark).
"""
