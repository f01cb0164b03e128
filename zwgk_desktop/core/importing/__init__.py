"""Template import: spreadsheets, CSV and notices in, :class:`~zwgk_desktop.core.types.ParsedTemplate` out.

Qt-free and database-free. Public API:

* :func:`read_template` — read and understand a template file;
* :func:`preview_file` — header, suggested column mapping and first rows per sheet, for the mapping dialog;
* :class:`NotChecklistError` — raised for a report or summary unless ``force=True``;
* :data:`FIELDS` — field name -> Chinese label, the targets of a column mapping;
* :func:`write_native_xlsx` — write the app's own exchange format (documented in :mod:`.native`).
"""

from .api import SheetPreview, preview_file, read_template
from .columns import FIELDS
from .doc_kind import NotChecklistError
from .native import write_native_xlsx

__all__ = ["FIELDS", "NotChecklistError", "SheetPreview", "preview_file", "read_template", "write_native_xlsx"]
