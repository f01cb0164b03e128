"""Qt-free report layer: the PDF self-check report (自查报告) and the Excel ledger (台账).

The writers (reportlab, openpyxl) are imported when first used, not with the package: the window imports
``reports.data`` at start-up and must not pay for them before its first paint.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .data import ReportData, ReportEvidence, ReportItem, ReportPublication

if TYPE_CHECKING:
    from .fonts import register_fonts
    from .pdf import write_pdf
    from .xlsx import write_xlsx

_LAZY = {"register_fonts": ".fonts", "write_pdf": ".pdf", "write_xlsx": ".xlsx"}

__all__ = [
    "ReportData",
    "ReportEvidence",
    "ReportItem",
    "ReportPublication",
    "register_fonts",
    "write_pdf",
    "write_xlsx",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
