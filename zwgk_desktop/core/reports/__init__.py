"""Qt-free report layer: the PDF self-check report (自查报告) and the Excel ledger (台账)."""

from __future__ import annotations

from .data import ReportData, ReportEvidence, ReportItem, ReportPublication
from .fonts import register_fonts
from .pdf import write_pdf
from .xlsx import write_xlsx

__all__ = [
    "ReportData",
    "ReportEvidence",
    "ReportItem",
    "ReportPublication",
    "register_fonts",
    "write_pdf",
    "write_xlsx",
]
