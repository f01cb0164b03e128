"""The bundled example checklist(s): what 载入示例 imports."""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.services import import_flow
from zwgk_desktop.core.store.checklists import ChecklistInfo
from zwgk_desktop.core.types import UserError
from zwgk_desktop.core.workspace import Workspace
from zwgk_desktop.paths import resource


def example_files(folder: Path | None = None) -> list[Path]:
    folder = folder or resource("examples")
    return sorted(folder.glob("*.xlsx")) if folder.is_dir() else []


def load_example(ws: Workspace, folder: Path | None = None) -> ChecklistInfo:
    """Import the first bundled example (sorted by name) through the normal prepare/commit flow."""
    files = example_files(folder)
    if not files:
        raise UserError(msg("没有找到示例文件，安装可能不完整。"))
    preview = import_flow.prepare(ws, files[0])
    info, _counts = import_flow.commit(ws, preview)
    return info
