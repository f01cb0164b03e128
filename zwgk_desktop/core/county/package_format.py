"""The submission package (报送包) format: names and checks shared by export and import.

A package is one .zip: ``manifest.json`` (format, office, checklist, template, period, counts, app and
schema version, history head, and every other member with its size and SHA-256), ``ledger.json`` (the
items with their records, publications, evidence list and history), ``annual/<year>.json`` (the yearly
reports, in the app's own JSON) and ``evidence/ab/<sha256>.<ext>`` (the evidence files, unless left out).
"""

from __future__ import annotations

import re

FORMAT = "zwgk-desktop package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
LEDGER = "ledger.json"
MANIFEST_MAX_BYTES = 16 * 1024 * 1024
LEDGER_MAX_BYTES = 512 * 1024 * 1024

_MEMBER = re.compile(r"^(?:ledger\.json|annual/(\d{4})\.json"
                     r"|evidence/([0-9a-f]{2})/([0-9a-f]{64})(?:\.[a-z0-9]{1,10})?)$")


def unsafe_member(name: object) -> bool:
    """A member name this app never writes into a package: ``..``, absolute, drive or UNC paths,
    backslashes and anything else than ledger.json, annual/<year>.json and content-addressed evidence."""
    if not isinstance(name, str):
        return True
    m = _MEMBER.match(name)
    if m is None or ".." in name.split("/"):
        return True
    return bool(m.group(2)) and not m.group(3).startswith(m.group(2))


def evidence_member(sha256: str, stored_path: str) -> str:
    """The package member of one stored evidence file (its extension kept, as in the store)."""
    ext = stored_path.rsplit(".", 1)[1] if "." in stored_path.rsplit("/", 1)[-1] else ""
    name = f"evidence/{sha256[:2]}/{sha256}"
    return f"{name}.{ext.lower()}" if ext else name
