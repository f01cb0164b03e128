"""A long table laid out one page at a time, so a report's time and memory grow linearly with its rows.

reportlab's LongTable splits at each page break into the rows that fit and a new table holding all the
rows left, so a table of N rows over P pages costs O(N × P) and keeps the style commands of every row
alive until the end. ``PagedTable`` instead hands reportlab a table of only the next rows (a block a
little over a page, grown when a page would hold more), takes the page's part of it and carries on
from the first row that did not fit. Rows are made on demand and dropped once placed. The output is the
same: the header row repeated at the top of every page, rows never reordered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import LongTable, TableStyle
from reportlab.platypus.flowables import Flowable

# (cells of the row, its own style commands as (command, first column, last column, *values))
RowMaker = Callable[[int], tuple[list[Any], list[tuple]]]

FIRST_BLOCK = 16  # rows tried for the first page; then twice what the previous page held, doubled while
# a page holds them all


class PagedTable(Flowable):
    """Rows ``start``… of a table of ``count`` rows below one repeated header row."""

    def __init__(self, header: list[Any], count: int, make_row: RowMaker, col_widths: list[float],
                 style: list[tuple], *, start: int = 0, block: int = FIRST_BLOCK,
                 cache: dict[int, tuple[list[Any], list[tuple]]] | None = None) -> None:
        super().__init__()
        self.hAlign = "CENTER"  # placed as the LongTable parts are: a table wider than the frame overflows evenly
        self.header = header
        self.count = count
        self.make_row = make_row
        self.col_widths = col_widths
        self.style = style
        self.start = start
        self.block = block
        self._cache = {} if cache is None else cache
        self._table: LongTable | None = None
        self._avail: tuple[float, float] | None = None

    def _row(self, i: int) -> tuple[list[Any], list[tuple]]:
        row = self._cache.get(i)
        if row is None:
            row = self._cache[i] = self.make_row(i)
        return row

    def _block(self, end: int) -> LongTable:
        rows = [self.header]
        cmds = list(self.style)
        for r, i in enumerate(range(self.start, end), 1):
            cells, own = self._row(i)
            rows.append(cells)
            cmds.extend((cmd, (c0, r), (c1, r), *values) for cmd, c0, c1, *values in own)
        return LongTable(rows, colWidths=self.col_widths, repeatRows=1, style=TableStyle(cmds))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab API)
        size = self.block
        while True:
            end = min(self.count, self.start + size)
            table = self._block(end)
            width, height = table.wrap(availWidth, availHeight)
            if height > availHeight or end == self.count:
                break
            size *= 2  # the page holds the whole block: try a bigger one
        self._table, self._avail = table, (availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab API)
        if self._table is None or self._avail is None or abs(self._avail[0] - availWidth) > 0.01 \
                or abs(self._avail[1] - availHeight) > 0.01:
            self.wrap(availWidth, availHeight)
        assert self._table is not None
        parts = self._table.split(availWidth, availHeight)
        if not parts:
            return []
        placed = self.start + len(parts[0]._cellvalues) - 1  # less the header row
        for i in range(self.start, placed):
            self._cache.pop(i, None)  # placed: no longer needed here
        if placed >= self.count:
            return [parts[0]]
        rest = PagedTable(self.header, self.count, self.make_row, self.col_widths, self.style,
                          start=placed, block=max(4, 2 * (placed - self.start)), cache=self._cache)
        return [parts[0], rest]

    def draw(self) -> None:
        assert self._table is not None
        self._table.drawOn(self.canv, 0, 0)
