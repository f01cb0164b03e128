"""Fast bulk INSERT: compile once, apply each column's bind processor in a tight loop, executemany.

SQLAlchemy's generic executemany path rebuilds parameters row by row through the compiler, which costs
about as much as the whole parse of a 10,000-row workbook. This stays portable: the statement and the bind
processors come from the connection's own dialect.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import JSON, Connection, Table, insert


def bulk_insert(conn: Connection, table: Table, rows: Sequence[dict]) -> None:
    if not rows:
        return
    keys = list(rows[0].keys())
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=keys)
    procs = {k: _processor(table, k, conn) for k in keys}
    order = list(compiled.positiontup or []) if compiled.positional else list(compiled.params)
    # columns with a Python-side default that the rows leave out (e.g. a new column): made as columns,
    # the rows are not copied
    defaults = {k: _default_of(table, k) for k in order if k not in rows[0]}
    procs.update({k: _processor(table, k, conn) for k in defaults})
    # column by column: each processor runs in one loop over its column, and once per run of the same
    # object (the created/updated timestamps of an import are one datetime)
    columns = [_column(procs[k], [defaults[k]() for _ in rows] if k in defaults else [r[k] for r in rows])
               for k in order]
    if compiled.positional:
        params: list = list(zip(*columns))
    else:
        params = [dict(zip(order, values)) for values in zip(*columns)]
    conn.exec_driver_sql(compiled.string, params)


def _column(proc, values: list) -> list:  # noqa: ANN001
    if proc is None:
        return values
    out = []
    last: object = _NOTHING
    done = None
    for value in values:
        if value is not last:
            last, done = value, proc(value)
        out.append(done)
    return out


_NOTHING = object()


def _default_of(table: Table, key: str):  # noqa: ANN202
    default = table.c[key].default
    if default is None:
        raise KeyError(f"bulk insert into {table.name}: no value and no default for {key}")
    if default.is_scalar:
        return lambda: default.arg
    return lambda: default.arg(None)  # SQLAlchemy wraps plain callables to take an (unused) context


def _processor(table: Table, key: str, conn: Connection):  # noqa: ANN202
    proc = table.c[key].type._cached_bind_processor(conn.dialect)
    if proc is None or not isinstance(table.c[key].type, JSON):
        return proc
    # JSON lists repeat across rows (owners, channels, √ columns): serialise each distinct value once
    memo: dict = {}

    def cached(value):  # noqa: ANN001, ANN202
        try:
            marker = tuple(value) if isinstance(value, list) else None
            out = memo.get(marker) if marker is not None else None
        except TypeError:  # nested, unhashable content
            marker = None
        if marker is None:
            return proc(value)
        if out is None:
            out = memo[marker] = proc(value)
        return out

    return cached
