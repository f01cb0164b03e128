"""The registry of item fields: what a checklist item holds, described once.

Every field a template item carries (``编号``, ``分类``, ``事项`` … ``公开层级``) is one :class:`ItemField`
here, in the order the app's own template format, the Excel ledger and the detail panel show them. The
places that used to list the fields by hand derive their list from :data:`ITEM_FIELDS`:

* the template update's comparison and its labels (:mod:`.versioning`, the change log of
  :mod:`.ledger_view`);
* storing a parsed item (:func:`stored_values`, used by :mod:`.checklists` and :mod:`.versioning`) and
  reading it back (:func:`parsed_values_of`, used by :mod:`.template_export`);
* the columns the item table loads and searches (:mod:`.query`);
* the columns of the app's own template format (:mod:`.importing.native`) and the mapping targets of an
  import (:mod:`.importing.columns`);
* the item columns of the Excel ledger (:mod:`.reports.xlsx`), the item fields of a county submission
  package (:mod:`.county.package_export`) and the rows of the window's detail panel.

``tests/test_fields.py`` holds the registry equal to :class:`~zwgk_desktop.core.types.ParsedItem`,
:class:`~zwgk_desktop.core.types.ItemRow` and the ``template_items`` table, so a field cannot be added to
one and forgotten in another. Adding a text or list field: one entry here, the two dataclasses, the ORM
column and its migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from zwgk_desktop.core.messages import Msg, msg
from zwgk_desktop.core.unit_roles import pack_owners, unpack_owners

if TYPE_CHECKING:  # types.ItemRow.to_json reads the registry
    from zwgk_desktop.core.types import ParsedItem


class FieldKind(str, Enum):
    """How a field's value is held, read and shown."""

    TEXT = "text"  # one text (several columns of a file joined with the field's ``joiner``)
    DEADLINE = "deadline"  # the 公开时限 text; read by machine into a rule (core/deadlines/reading.py)
    PATH = "path"  # category names, outermost first; one native column per level (一级分类 …)
    UNITS = "units"  # unit or group names with their 牵头 / 配合 roles (stored packed: unit_roles.py)
    LIST = "list"  # a list of short texts, joined with ``、`` in a cell
    CHOICES = "choices"  # a list that a file may also give as ticked (√) sub-columns (公开对象/全社会)

    @property
    def is_list(self) -> bool:
        return self in _LIST_KINDS


_LIST_KINDS = frozenset({FieldKind.PATH, FieldKind.UNITS, FieldKind.LIST, FieldKind.CHOICES})


@dataclass(frozen=True)
class ItemField:
    """One field of a checklist item.

    ``name`` is the attribute of ParsedItem and ItemRow and the column of ``template_items``.
    """

    name: str
    label: Msg  # Chinese label (core messages are translated by the window)
    kind: FieldKind
    native_header: str  # its column header in the app's own template format ("" for the path's levels)
    compared: bool = True  # a difference is a change when a template update is compared
    searchable: bool = False  # the item table's search looks into it
    ledger_width: float | None = None  # a column of the Excel ledger, this wide (None: not in the ledger)
    in_package: bool = False  # sent to the county in a submission package (ledger.json)
    in_detail: bool = True  # a row of the window's detail panel
    detail_label: Msg | None = None  # the detail panel's label when it differs from ``label``
    joiner: str = "\n"  # TEXT: how several columns of one item are joined on import
    required: bool = False  # every item has it: stored as given (a missing one is refused by the database)

    @property
    def shown_label(self) -> Msg:
        return self.detail_label or self.label

    def empty(self) -> Any:
        return [] if self.kind.is_list else ""


ITEM_FIELDS: tuple[ItemField, ...] = (
    ItemField("code", msg("编号"), FieldKind.TEXT, "编号", searchable=True, ledger_width=6, in_package=True,
              joiner=" "),
    ItemField("path", msg("分类"), FieldKind.PATH, "", searchable=True, ledger_width=11, in_package=True),
    ItemField("title", msg("事项"), FieldKind.TEXT, "事项", searchable=True, ledger_width=14, in_package=True,
              required=True),
    ItemField("content", msg("内容"), FieldKind.TEXT, "内容", searchable=True, ledger_width=22, in_package=True,
              detail_label=msg("公开内容")),
    ItemField("basis", msg("公开依据"), FieldKind.TEXT, "公开依据", ledger_width=16),
    ItemField("deadline", msg("公开时限"), FieldKind.DEADLINE, "公开时限", searchable=True, ledger_width=13,
              in_package=True, joiner="；"),
    ItemField("owners", msg("责任单位"), FieldKind.UNITS, "责任单位", searchable=True, ledger_width=12,
              in_package=True),
    ItemField("channels", msg("公开渠道"), FieldKind.LIST, "公开渠道", ledger_width=11),
    ItemField("audience", msg("公开对象"), FieldKind.CHOICES, "公开对象", ledger_width=8),
    ItemField("mode", msg("公开方式"), FieldKind.CHOICES, "公开方式", ledger_width=7),
    ItemField("level", msg("公开层级"), FieldKind.CHOICES, "公开层级", ledger_width=8),
)

BY_NAME: Mapping[str, ItemField] = {f.name: f for f in ITEM_FIELDS}
NAMES: tuple[str, ...] = tuple(f.name for f in ITEM_FIELDS)
COMPARED: tuple[str, ...] = tuple(f.name for f in ITEM_FIELDS if f.compared)
SEARCHABLE: tuple[ItemField, ...] = tuple(f for f in ITEM_FIELDS if f.searchable)
LEDGER: tuple[ItemField, ...] = tuple(f for f in ITEM_FIELDS if f.ledger_width is not None)
PACKAGE: tuple[str, ...] = tuple(f.name for f in ITEM_FIELDS if f.in_package)
DETAIL: tuple[ItemField, ...] = tuple(f for f in ITEM_FIELDS if f.in_detail)
# field name -> Chinese label (the template update's changes, the change log)
LABELS: Mapping[str, Msg] = {f.name: f.label for f in ITEM_FIELDS}
# the ParsedItem attributes a UNITS field fills besides its own: the roles
ROLE_ATTRS = ("lead_units", "support_units")


def label_of(name: str) -> str:
    """The Chinese label of a field (the name itself for one the registry does not know)."""
    field = BY_NAME.get(name)
    return field.label if field is not None else name


def stored_value(field: ItemField, item: ParsedItem) -> Any:
    """The value of ``field`` as the ``template_items`` column holds it."""
    value = getattr(item, field.name)
    if field.kind is FieldKind.UNITS:
        return pack_owners(value, item.lead_units, item.support_units)
    if field.kind.is_list:
        return list(value)
    return value if field.required else value or ""


def stored_values(item: ParsedItem) -> dict[str, Any]:
    """Every registry field of a parsed item as stored (and as the update comparison compares it)."""
    return {f.name: stored_value(f, item) for f in ITEM_FIELDS}


def parsed_values_of(stored: Any) -> dict[str, Any]:
    """ParsedItem keyword arguments from a stored template item (an ORM row or anything with the
    attributes): the inverse of :func:`stored_values`."""
    out: dict[str, Any] = {}
    for f in ITEM_FIELDS:
        value = getattr(stored, f.name)
        if f.kind is FieldKind.UNITS:
            names, lead, support = unpack_owners(value)
            out[f.name], out["lead_units"], out["support_units"] = list(names), list(lead), list(support)
        elif f.kind.is_list:
            out[f.name] = list(value or [])
        else:
            out[f.name] = value or ""
    return out


def display_text(field: ItemField, value: Any, path_sep: str = " / ") -> str:
    """A field's value as one text (a ledger cell, the detail panel): lists joined with ``、``."""
    kind = field.kind
    if kind is FieldKind.TEXT or kind is FieldKind.DEADLINE:
        return value or ""
    if kind is FieldKind.PATH:
        return path_sep.join(value)
    return "、".join(v for v in value if v)


def package_values(row: Any) -> dict[str, Any]:
    """The item fields a county submission package carries, from an ItemRow (lists copied)."""
    return {name: (list(v) if isinstance(v := getattr(row, name), (list, tuple)) else v) for name in PACKAGE}
