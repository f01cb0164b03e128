"""What the report options dialog offers and how report files are named; Qt-free."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from zwgk_desktop.core.presenters.ledger_view import owner_choices
from zwgk_desktop.core.services.report_input import scope_label
from zwgk_desktop.core.store.query import category_tree
from zwgk_desktop.core.types import ItemRow

SCOPE_ALL = "all"
SCOPE_CATEGORY = "category"
SCOPE_OWNER = "owner"

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class ReportScope:
    kind: str = SCOPE_ALL  # all | category | owner
    value: str = ""

    @property
    def category(self) -> str | None:
        return self.value if self.kind == SCOPE_CATEGORY and self.value else None

    @property
    def owner(self) -> str | None:
        return self.value if self.kind == SCOPE_OWNER and self.value else None

    @property
    def label(self) -> str:
        return scope_label(self.category, self.owner)


@dataclass(frozen=True)
class ScopeChoices:
    categories: list[tuple[str, int]]  # top-level category and its item count
    owners: list[str]  # responsible units, most frequent first


def scope_choices(rows: Sequence[ItemRow]) -> ScopeChoices:
    tree = category_tree(rows)
    return ScopeChoices([(name, node.total) for name, node in tree.children.items()], owner_choices(rows))


def default_file_name(checklist: str, scope: ReportScope, suffix: str, today: date | None = None) -> str:
    """``社会救助台账-最低生活保障-20240506.pdf``: safe on Windows and Linux file systems."""
    parts = [checklist.strip() or "报告"]
    if scope.value:
        parts.append(scope.value.strip())
    parts.append(f"{(today or date.today()):%Y%m%d}")
    stem = _UNSAFE.sub("_", "-".join(parts)).strip(" .")[:120]
    return f"{stem}{suffix}"


def with_suffix(path: str, suffix: str) -> str:
    """The chosen save path with the report's suffix added when the user left it out."""
    return path if path.lower().endswith(suffix.lower()) else path + suffix
