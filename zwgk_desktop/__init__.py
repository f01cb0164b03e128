"""zwgk-desktop: a desktop ledger for government-information disclosure (政务公开) checklists."""

__version__ = "0.1.0"
