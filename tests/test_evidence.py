"""Evidence store: awkward names, dedup, verify, archive, and a kill in the middle of an attach."""

from __future__ import annotations

from pathlib import Path

import pytest

from zwgk_desktop.core.types import ParsedItem, ParsedTemplate, UserError
from zwgk_desktop.core.workspace import Workspace

AWKWARD = [
    "很长的文件名" * 13 + ".pdf",  # 238 bytes: near the 255-byte limit of most file systems
    "name with  spaces .png",
    "..",
    "..evil.txt",
    "CON.txt",
    "aux",
    "NUL.docx",
    "公示照片😀🏛️.jpg",
]


@pytest.fixture
def ws(tmp_path: Path, db_url: str | None):
    workspace = Workspace.open(tmp_path / "ws", url=db_url)
    workspace.import_new(ParsedTemplate(name="目录", items=[ParsedItem(title=f"事项{i}", path=["类"])
                                                              for i in range(3)]))
    yield workspace
    workspace.close()


def _ids(ws: Workspace) -> list[str]:
    return [r.id for r in ws.rows(ws.checklist().id)]


def _make(folder: Path, name: str, data: bytes) -> Path:
    # ".." cannot be a file name on any system; the user's file is then called "..x" in a subfolder
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name if name not in ("..", ".") else name + "x")
    path.write_bytes(data)
    return path


def test_awkward_names_are_stored_safely(ws: Workspace, tmp_path: Path) -> None:
    ids = _ids(ws)
    files = [_make(tmp_path / f"src{i}", name, f"内容{i}".encode()) for i, name in enumerate(AWKWARD)]
    infos = ws.attach_files([ids[0]], files)
    assert [i.name for i in infos] == [f.name for f in files]
    for info in infos:
        assert info.path is not None and info.path.is_file()
        assert info.path.is_relative_to(ws.evidence_dir)
        assert info.path.name.startswith(info.sha256)
    assert ws.rows(ws.checklist().id)[0].evidence_count == len(AWKWARD)
    assert ws.verify_evidence() == (len(AWKWARD), [])


def test_same_content_is_stored_once_and_may_support_several_items(ws: Workspace, tmp_path: Path) -> None:
    ids = _ids(ws)
    a = _make(tmp_path / "a", "通知.pdf", b"%PDF-1.4 same")
    b = _make(tmp_path / "b", "通知.pdf", b"%PDF-1.4 same")
    first = ws.attach_files(ids[:2], [a])[0]
    second = ws.attach_files([ids[2]], [b])[0]
    assert first.id == second.id
    stored = [p for p in ws.evidence_dir.rglob("*") if p.is_file()]
    assert stored == [first.path]
    assert [r.evidence_count for r in ws.rows(ws.checklist().id)] == [1, 1, 1]


def test_verify_reports_altered_and_missing(ws: Workspace, tmp_path: Path) -> None:
    ids = _ids(ws)
    one, two = ws.attach_files([ids[0]], [_make(tmp_path, "一.txt", b"one"), _make(tmp_path, "二.txt", b"two")])
    one.path.write_bytes(b"tampered")
    two.path.unlink()
    checked, problems = ws.verify_evidence()
    assert checked == 2
    assert {(p.name, p.problem) for p in problems} == {("一.txt", "altered"), ("二.txt", "missing")}


def test_archive_keeps_file_until_purge(ws: Workspace, tmp_path: Path) -> None:
    ids = _ids(ws)
    info = ws.attach_files(ids[:2], [_make(tmp_path, "照片.jpg", b"jpeg")])[0]
    ws.archive_evidence(info.id, ids[0])
    assert [e.id for e in ws.evidence_for(ids[1])] == [info.id]  # still supports the other item
    ws.archive_evidence(info.id)
    assert ws.evidence_for(ids[1]) == [] and info.path.exists()
    assert [e.archived for e in ws.evidence_for(ids[1], include_archived=True)] == [True]
    assert ws.purge_archived_evidence() == 1
    assert not info.path.exists()


def test_links_notes_and_bad_input(ws: Workspace, tmp_path: Path) -> None:
    ids = _ids(ws)
    link = ws.add_link(ids[0], "https://www.guanxian.gov.cn/art/2025/1/1/art_1.html", title="公示")
    note = ws.add_text_note(ids[0], "已在村公示栏张贴\n共7天")
    assert [e.kind for e in ws.evidence_for(ids[0])] == ["link", "text"]
    assert (link.title, note.name) == ("公示", "已在村公示栏张贴")
    with pytest.raises(UserError, match="不是有效的网址"):
        ws.add_link(ids[0], "www.example")
    with pytest.raises(UserError, match="找不到文件"):
        ws.attach_files([ids[0]], [tmp_path / "nope.pdf"])
    with pytest.raises(UserError, match="找不到事项"):
        ws.attach_files(["no-such-item"], [_make(tmp_path, "x.txt", b"x")])
    assert not ws.evidence_dir.exists() or not any(p.is_file() for p in ws.evidence_dir.rglob("*"))


def test_recycle_bin_lists_and_restores_removed_evidence(ws: Workspace, tmp_path: Path) -> None:
    ids = _ids(ws)
    info = ws.attach_files([ids[0]], [_make(tmp_path, "通知.pdf", b"%PDF")])[0]
    ws.archive_evidence(info.id, ids[0])
    binned = ws.archived_evidence(ws.checklist().id)
    assert [(b.evidence.name, b.record_id, b.item_title) for b in binned] == [("通知.pdf", ids[0], "事项0")]
    ws.restore_evidence(info.id, ids[0])
    assert [e.name for e in ws.evidence_for(ids[0])] == ["通知.pdf"]
    assert ws.archived_evidence(ws.checklist().id) == []
    assert [h.action for h in ws.history(ids[0])][:2] == ["restore", "detach"]
