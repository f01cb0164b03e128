"""The item field registry (core/fields.py) is the one list of an item's fields.

It must equal the dataclasses (ParsedItem, ItemRow) and the ``template_items`` table, and every place that
used to list the fields by hand must now follow it: one real workspace carries an item with every field
filled through import, storage, the item table's rows and search, the update comparison, the change log,
the Excel ledger, the app's own template format and a county package.
"""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import JSON, Integer, String, Text

from zwgk_desktop.core import fields
from zwgk_desktop.core.db.models import TemplateItem
from zwgk_desktop.core.fields import ITEM_FIELDS, FieldKind
from zwgk_desktop.core.importing import FIELDS as MAPPING_TARGETS
from zwgk_desktop.core.importing import read_template, write_native_xlsx
from zwgk_desktop.core.importing.native import native_headers
from zwgk_desktop.core.presenters.ledger_view import describe_change
from zwgk_desktop.core.reports.xlsx import LEDGER_COLUMNS
from zwgk_desktop.core.store.query import ItemFilter, filter_rows, refresh_search_text
from zwgk_desktop.core.store.versioning import COMPARED_FIELDS, FieldChange
from zwgk_desktop.core.types import ItemRow, ParsedItem, ParsedTemplate
from zwgk_desktop.core.workspace import Workspace

NAMES = [f.name for f in ITEM_FIELDS]
# ParsedItem: the registry's fields, a UNITS field's roles, and where the item was read
PARSED_ONLY = {"lead_units", "support_units", "source", "key"}
# template_items: the registry's fields and the table's own bookkeeping
TABLE_ONLY = {"id", "template_id", "key", "position", "source_sheet", "source_row"}
# ItemRow after the registry's fields, in the order query.load_rows passes them
ROW_TAIL = ["status", "due", "assignee", "note", "position", "evidence_count", "version", "search_text", "search_shared",
            "lead_units", "support_units"]


def test_the_registry_equals_the_dataclasses_and_the_table() -> None:
    assert len(set(NAMES)) == len(NAMES)
    assert {f.name for f in dataclasses.fields(ParsedItem)} - PARSED_ONLY == set(NAMES)
    row_fields = [f.name for f in dataclasses.fields(ItemRow)]
    assert row_fields == ["id", "checklist", *NAMES, *ROW_TAIL]  # load_rows builds rows positionally
    columns = {c.name: c for c in TemplateItem.__table__.columns}
    assert set(columns) - TABLE_ONLY == set(NAMES)
    for f in ITEM_FIELDS:
        kind = type(columns[f.name].type)
        assert kind is (JSON if f.kind.is_list else Text if f.name != "code" else String), f.name
    assert isinstance(columns["position"].type, Integer)
    units = [f for f in ITEM_FIELDS if f.kind is FieldKind.UNITS]
    assert len(units) == 1  # its roles live in ParsedItem.lead_units / support_units and the packed column
    for f in ITEM_FIELDS:  # every field can be left empty by a file
        dc = {d.name: d for d in dataclasses.fields(ParsedItem)}[f.name]
        if not f.required:
            assert dc.default == "" or dc.default_factory is list, f.name


def test_what_is_derived_follows_the_registry() -> None:
    assert tuple(f.name for f in ITEM_FIELDS if f.compared) == COMPARED_FIELDS
    assert [h for h, _ in LEDGER_COLUMNS[: len(fields.LEDGER)]] == [f.label for f in fields.LEDGER]
    assert [w for _, w in LEDGER_COLUMNS[: len(fields.LEDGER)]] == [f.ledger_width for f in fields.LEDGER]
    # the columns of format 1.0 come first, in their order; a new field adds its column after them
    assert native_headers()[:13] == ["编号", "一级分类", "二级分类", "三级分类", "事项", "内容", "公开依据", "公开时限",
                                     "责任单位", "公开渠道", "公开对象", "公开方式", "公开层级"]
    assert [h for f in ITEM_FIELDS if (h := f.native_header)] == [h for h in native_headers() if "级分类" not in h]
    assert [k for k in MAPPING_TARGETS if not k.startswith("category")] == [n for n in NAMES if n != "path"]
    assert all(MAPPING_TARGETS[f.name] == f.label for f in ITEM_FIELDS if f.kind is not FieldKind.PATH)
    # one set of labels: the update's changes and the change log read the registry
    for f in ITEM_FIELDS:
        assert FieldChange(f.name, "a", "b").label == f.label
    assert describe_change("template_change", ",".join(NAMES), {}, {}) == "模板更新修改了：" + "、".join(
        f.label for f in ITEM_FIELDS)


def _item() -> ParsedItem:
    """An item with every field filled: real values for today's fields, a sample for any field added later."""
    item = ParsedItem(title="低保对象名单", path=["社会救助", "最低生活保障"], code="A-7", content="姓名、保障金额",
                      basis="《社会救助暂行办法》", deadline="信息形成之日起20个工作日内",
                      owners=["县民政局", "万善乡"], lead_units=["县民政局"], support_units=["万善乡"],
                      channels=["政府网站", "公开查阅点"], audience=["全社会"], mode=["主动"], level=["县级", "乡级"])
    for f in ITEM_FIELDS:
        if not getattr(item, f.name):
            setattr(item, f.name, [f"样例{f.label}"] if f.kind.is_list else f"样例{f.label}")
    return item


def test_an_item_with_every_field_goes_through_every_place_that_lists_fields(tmp_path: Path) -> None:
    item = _item()
    assert all(getattr(item, f.name) for f in ITEM_FIELDS), "fill every field"
    ws = Workspace.open(tmp_path / "ws")
    try:
        ws.update_settings(office="万善乡人民政府")
        info = ws.import_new(ParsedTemplate(name="目录", issuer="县政务公开办", items=[item]), year=2024)
        [row] = ws.rows(info.id)
        for f in ITEM_FIELDS:  # stored and loaded as given
            assert getattr(row, f.name) == getattr(item, f.name), f.name
        assert (list(row.lead_units), list(row.support_units)) == (item.lead_units, item.support_units)
        # the JSON of `zwgk items --json` names every field
        assert set(row.to_json()) >= {*NAMES, "lead_units", "support_units", "deadline_rule"}
        # search finds each searchable field's text, and none of the others
        loaded = row.search_text
        refresh_search_text(row)  # as after an edit: the same text as load_rows made
        assert row.search_text == loaded
        for f in ITEM_FIELDS:
            value = getattr(row, f.name)
            text = value[-1] if isinstance(value, list) else value
            assert bool(filter_rows([row], ItemFilter(text=text))) or not f.searchable, f.name
        assert not filter_rows([row], ItemFilter(text="公开查阅点"))  # channels are not searched

        # the app's own format: written from the registry and read back the same
        out = tmp_path / "native.xlsx"
        from zwgk_desktop.core.services.template_export import export_checklist_template

        export_checklist_template(ws, info.id, out)
        [back] = read_template(out).items
        assert fields.stored_values(back) == fields.stored_values(item)

        # the update comparison sees a change in every compared field
        changed = dataclasses.replace(item, lead_units=[], support_units=[], **{
            f.name: (["另一个"] if f.kind.is_list else "另一个") for f in ITEM_FIELDS if f.name not in ("code", "title", "path")})
        plan = ws.plan_update(info.id, ParsedTemplate(name="目录", issuer="县政务公开办", items=[changed]))
        [match] = plan.matched
        assert match.changed_fields == [n for n in COMPARED_FIELDS if n not in ("code", "title", "path")]

        # the Excel ledger: one column per ledger field with its text
        from zwgk_desktop.core.reports.xlsx import write_xlsx
        from zwgk_desktop.core.services.report_input import build_report_data

        data = build_report_data(ws, info.id)
        ledger = write_xlsx(data, tmp_path / "ledger.xlsx")
        sheet = load_workbook(ledger)["台账"]
        header, values = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
        cells = dict(zip(header, values))
        for f in fields.LEDGER:
            assert cells[f.label] == fields.display_text(f, getattr(item, f.name)), f.name

        # the county package carries the package fields
        from zwgk_desktop.core.county.package_export import export_package

        export_package(ws, tmp_path / "pkg.zip", office="万善乡人民政府")
        with zipfile.ZipFile(tmp_path / "pkg.zip") as zf:
            [sent] = json.loads(zf.read("ledger.json"))["items"]
        for name in fields.PACKAGE:
            assert sent[name] == getattr(item, name), name
        assert not set(NAMES) - set(fields.PACKAGE) & set(sent)
    finally:
        ws.close()


def test_the_native_writer_follows_the_registry_for_an_item_with_every_field(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_native_xlsx(ParsedTemplate(name="目录", items=[_item()]), out)
    header = next(load_workbook(out)["模板"].iter_rows(values_only=True))
    assert list(header) == native_headers(2)
    assert fields.stored_values(read_template(out).items[0]) == fields.stored_values(_item())
