"""Fast bulk INSERT: compile once, apply each column's bind processor in a tight loop, executemany.

SQLAlchemy's generic executemany path rebuilds parameters row by row through the compiler, which costs
about as much as the whole parse of a 10,000-row workbook. This stays portable: the statement and the bind
processors come from the connection's own dialect.
"""

from __future__ import annotations

from sqlalchemy import JSON, Connection, Table, insert


def bulk_insert_columns(conn: Connection, table: Table, given: dict[str, list]) -> None:
    """Insert rows given column by column (``{column: values}``, every list as long): no row dicts are
    built, and each column's values go through its bind processor in one loop."""
    count = len(next(iter(given.values()), []))
    if not count:
        return
    keys = list(given)
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=keys)
    procs = {k: _processor(table, k, conn) for k in keys}
    order = list(compiled.positiontup or []) if compiled.positional else list(compiled.params)
    # columns with a Python-side default that the rows leave out (e.g. a new column): made as columns
    defaults = {k: _default_of(table, k) for k in order if k not in given}
    procs.update({k: _processor(table, k, conn) for k in defaults})
    # column by column: each processor runs in one loop over its column, and once per run of the same
    # object (the created/updated timestamps of an import are one datetime)
    columns = [_column(procs[k], [defaults[k]() for _ in range(count)] if k in defaults else given[k])
               for k in order]
    for start in range(0, count, _CHUNK):  # the parameter rows of one chunk at a time (memory)
        rows = zip(*(column[start:start + _CHUNK] for column in columns))
        params: list = list(rows) if compiled.positional else [dict(zip(order, values)) for values in rows]
        conn.exec_driver_sql(compiled.string, params)


_CHUNK = 10_000


def _column(proc, values: list) -> list:  # noqa: ANN001
    if proc is None:
        return values
    if getattr(proc, "per_object", False):  # JSON: each distinct object once (a list shared by many rows)
        memo: dict[int, object] = {}  # by id: ``values`` keeps every object alive, so no id is reused
        get = memo.get
        out = []
        for value in values:
            done = get(id(value), _NOTHING)
            if done is _NOTHING:
                done = memo[id(value)] = proc(value)
            out.append(done)
        return out
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

    cached.per_object = True  # type: ignore[attr-defined]
    return cached
