"""Database helpers for the few statements on the hottest paths."""

from django.db import DEFAULT_DB_ALIAS, connections


class _Prepared:
    """A psycopg cursor that binds on the server and asks for each statement to be prepared."""

    def __init__(self, raw):
        self.raw = raw

    def execute(self, query, params=None):
        return self.raw.execute(query, params, prepare=True)

    def __iter__(self):
        return iter(self.raw)

    def __getattr__(self, name):
        return getattr(self.raw, name)


def hot_cursor():
    """A cursor for a statement run on every request of a hot path (the popular vote).

    On PostgreSQL the statement is prepared on the connection the first time and later runs
    send only the parameters: no query text to interpolate, parse or plan again. Django keeps
    prepared statements off (its cursors bind on the client) because connection poolers in
    transaction mode cannot follow them; the project connects directly, and only these
    statements opt in (settings give psycopg a prepare threshold; client-bound cursors ignore it).
    Django's wrapper is kept, so errors arrive as Django's exceptions and query logging still
    works. Elsewhere (SQLite) it is Django's ordinary cursor.
    """
    db = connections[DEFAULT_DB_ALIAS]  # once: each attribute read through the proxy costs a lookup
    if db.vendor != "postgresql":
        return db.cursor()
    import psycopg

    db.ensure_connection()
    raw = _Prepared(psycopg.Cursor(db.connection))
    return db.make_debug_cursor(raw) if db.queries_logged else db.make_cursor(raw)
