"""Renaming, removing (to the 回收站), restoring and purging checklists in the core."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from zwgk_desktop.core.db.models import (
    Evidence,
    EvidenceLink,
    ItemRecord,
    Publication,
    Template,
    TemplateItem,
)
from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, Status, UserError
from zwgk_desktop.core.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path, db_url: str | None):
    workspace = Workspace.open(tmp_path / "ws", url=db_url)
    yield workspace
    workspace.close()


def _template(name: str = "社会救助目录", n: int = 4) -> ParsedTemplate:
    items = [ParsedItem(title=f"事项{i}", path=["最低生活保障"], deadline="信息形成或者变更之日起20个工作日内")
             for i in range(n)]
    return ParsedTemplate(name=name, issuer="县民政局", items=items)


def _with_work(ws: Workspace, tmp_path: Path, name: str = "2024年社会救助") -> tuple[str, list[str]]:
    """A checklist with 1 of 4 items done, a photo shared by two items, a link and a publication."""
    info = ws.import_new(_template(), name=name, year=2024)
    ids = [r.id for r in ws.rows(info.id)]
    ws.update_record(ids[0], status="done", note="已公开")
    photo = tmp_path / f"{name}-公示照片.jpg"
    photo.write_bytes(b"jpeg " + name.encode())
    ws.attach_files(ids[:2], [photo])
    ws.add_link(ids[0], "https://www.example.gov.cn/a.html", title="办事指南")
    ws.add_publication(ids[0], formed_on=date(2024, 9, 27), published_on=date(2024, 10, 9), channel="政府网站")
    return info.id, ids


def _count(ws: Workspace, model: type) -> int:
    with ws.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_rename_trims_and_refuses_empty_or_taken_names(ws: Workspace) -> None:
    a = ws.import_new(_template(), name="甲")
    ws.import_new(_template("另一个目录"), name="乙")
    assert ws.rename_checklist("甲", "  2025年 社会救助  ").name == "2025年 社会救助"
    assert ws.checklist(a.id).name == "2025年 社会救助"
    entry = ws.history()[0]
    assert (entry.entity, entry.action, entry.before, entry.after) == ("checklist", "rename", "甲",
                                                                        "2025年 社会救助")
    with pytest.raises(UserError, match="清单名称不能为空"):
        ws.rename_checklist(a.id, "   ")
    with pytest.raises(UserError, match="已存在名为“乙”的清单"):
        ws.rename_checklist(a.id, "乙")
    with pytest.raises(UserError, match="找不到清单“丙”"):
        ws.rename_checklist("丙", "丁")
    with pytest.raises(UserError, match="太长"):
        ws.rename_checklist(a.id, "长" * 300)
    history_before = len(ws.history())
    ws.rename_checklist(a.id, "2025年 社会救助")  # the same name: nothing to record
    assert len(ws.history()) == history_before
    assert [c.name for c in ws.checklists()] == ["2025年 社会救助", "乙"]


def test_remove_hides_everything_and_restore_brings_it_back(ws: Workspace, tmp_path: Path) -> None:
    checklist_id, ids = _with_work(ws, tmp_path)
    other = ws.import_new(_template("另一个目录"), name="工作要点")
    held = ws.checklist_contents(checklist_id)
    assert (held.items, held.done, held.evidence, held.publications) == (4, 1, 2, 1)

    removed = ws.remove_checklist("2024年社会救助")
    assert (removed.name, removed.contents) == ("2024年社会救助", held)
    assert [c.name for c in ws.checklists()] == ["工作要点"]
    assert ws.checklist().id == other.id  # the default is no longer the removed one
    with pytest.raises(UserError, match="已移入回收站"):
        ws.checklist("2024年社会救助")
    with pytest.raises(UserError, match="已移入回收站，请先恢复该清单"):
        ws.update_record(ids[0], status="todo")
    with pytest.raises(UserError, match="已移入回收站"):
        ws.attach_files([ids[1]], [tmp_path / "2024年社会救助-公示照片.jpg"])
    # nothing was deleted
    assert (_count(ws, ItemRecord), _count(ws, EvidenceLink), _count(ws, Publication)) == (8, 3, 1)
    assert [c.name for c in ws.archived_checklists()] == ["2024年社会救助"]
    entry = ws.history()[0]
    assert (entry.entity, entry.entity_id, entry.action) == ("checklist", checklist_id, "archive")
    assert entry.after["items"] == 4 and entry.after["evidence"] == 2

    info = ws.restore_checklist("2024年社会救助")
    assert (info.id, info.total, info.closed) == (checklist_id, 4, 1)
    row = ws.row(ids[0])
    assert (row.status, row.note, row.evidence_count) == (Status.DONE, "已公开", 2)
    assert len(ws.publications(ids[0])) == 1
    assert ws.archived_checklists() == []
    assert ws.history()[0].action == "restore"
    assert ws.verify_history() == []


def test_restore_refused_while_the_name_is_taken(ws: Workspace) -> None:
    ws.import_new(_template(), name="2024年社会救助")
    ws.remove_checklist("2024年社会救助")
    ws.import_new(_template(), name="2024年社会救助")  # the name is free again
    with pytest.raises(UserError, match="已有一个名为“2024年社会救助”的清单在使用"):
        ws.restore_checklist("2024年社会救助")
    ws.rename_checklist("2024年社会救助", "2024年社会救助（新）")
    assert ws.restore_checklist("2024年社会救助").name == "2024年社会救助"
    assert sorted(c.name for c in ws.checklists()) == ["2024年社会救助", "2024年社会救助（新）"]


def test_two_removed_with_one_name_are_told_apart_by_id(ws: Workspace) -> None:
    first = ws.import_new(_template(), name="目录")
    ws.remove_checklist("目录")
    second = ws.import_new(_template(), name="目录")
    ws.remove_checklist("目录")
    with pytest.raises(UserError, match="回收站中有 2 个名为“目录”的清单，请用编号指定") as exc:
        ws.restore_checklist("目录")
    assert first.id[:8] in str(exc.value) and second.id[:8] in str(exc.value)
    assert ws.restore_checklist(first.id[:8]).id == first.id
    with pytest.raises(UserError, match="回收站中没有清单“别的”"):
        ws.restore_checklist("别的")


def test_purge_only_of_a_removed_checklist_and_keeps_shared_evidence(ws: Workspace, tmp_path: Path) -> None:
    checklist_id, ids = _with_work(ws, tmp_path)
    keep_id, keep_ids = _with_work(ws, tmp_path, name="2025年社会救助")
    shared = tmp_path / "两个清单都用的文件.pdf"
    shared.write_bytes(b"%PDF shared")
    ws.attach_files([ids[2], keep_ids[2]], [shared])
    own_file = ws.evidence_for(ids[0])[0].path
    shared_file = ws.evidence_for(ids[2])[0].path
    assert own_file.is_file() and shared_file.is_file()

    with pytest.raises(UserError, match="正在使用，不能彻底删除"), ws.transaction() as s:
        from zwgk_desktop.core.store import archive

        archive.purge_checklist(s, checklist_id, ws.evidence_store, actor="test")
    with pytest.raises(UserError, match="回收站中没有已移除的清单"):
        ws.purge_checklist("2024年社会救助")
    ws.remove_checklist("2024年社会救助")
    purged = ws.purge_checklist("2024年社会救助")
    assert purged.contents.items == 4
    assert ws.archived_checklists() == []
    assert not own_file.exists()  # used only by the purged checklist
    assert shared_file.is_file()  # still evidence of the other checklist
    with ws.reading() as s:
        assert s.scalar(select(func.count()).select_from(ItemRecord).where(ItemRecord.checklist_id == checklist_id)) == 0
        assert s.scalar(select(func.count()).select_from(Template)) == 1
        assert s.scalar(select(func.count()).select_from(TemplateItem)) == 4
        assert s.scalar(select(func.count()).select_from(Evidence)) == 3  # the other checklist's photo, link, pdf
    kept = ws.rows(keep_id)
    assert [r.evidence_count for r in kept] == [2, 1, 1, 0]
    assert ws.evidence_for(keep_ids[2])[0].path == shared_file
    entry = ws.history()[0]
    assert (entry.entity, entry.entity_id, entry.action) == ("checklist", checklist_id, "purge")
    assert entry.before["name"] == "2024年社会救助" and entry.before["items"] == 4
    assert ws.verify_history() == []


def test_purge_after_template_updates_removes_every_version(ws: Workspace) -> None:
    info = ws.import_new(_template(n=4), name="目录")
    ws.apply_update(ws.plan_update(info.id, _template(n=3)))  # one item archived by the update
    ws.apply_update(ws.plan_update(info.id, _template(n=5)))
    other = ws.import_new(_template("别的目录", n=2), name="别的")
    assert _count(ws, Template) == 4
    ws.remove_checklist(info.id)
    ws.purge_checklist("目录")
    with ws.reading() as s:
        assert s.scalar(select(func.count()).select_from(Template)) == 1
        assert s.scalar(select(func.count()).select_from(TemplateItem)) == 2
    assert [r.title for r in ws.rows(other.id)] == ["事项0", "事项1"]
