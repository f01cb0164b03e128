"""Writers of a yearly report by format: the app's JSON here; PDF, .docx, HTML and .xlsx by the renderers
(``render_pdf.write_pdf``, ``render_docx.write_docx``, ``render_html.html_fragment``, ``render_xlsx.write_xlsx``)
when they are part of this build. Each writer takes the app's JSON dict and the output path.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zwgk_desktop.core.fileutil import atomic_path
from zwgk_desktop.core.messages import msg
from zwgk_desktop.core.types import UserError

Writer = Callable[[dict, Path], Any]


def write_json(report_json: dict, path: Path) -> Path:
    text = json.dumps(report_json, ensure_ascii=False, indent=2) + "\n"
    with atomic_path(Path(path)) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def _write_html(report_json: dict, path: Path) -> Path:
    module = importlib.import_module("zwgk_desktop.core.annual.render_html")
    with atomic_path(Path(path)) as tmp:
        tmp.write_text(module.html_fragment(report_json), encoding="utf-8")
    return Path(path)


# format -> (module, function) of the renderer; JSON is built in
RENDERERS: dict[str, tuple[str, str]] = {
    "pdf": ("zwgk_desktop.core.annual.render_pdf", "write_pdf"),
    "docx": ("zwgk_desktop.core.annual.render_docx", "write_docx"),
    "xlsx": ("zwgk_desktop.core.annual.render_xlsx", "write_xlsx"),
    "html": ("zwgk_desktop.core.annual.render_html", "html_fragment"),
}
FORMATS = ("json", *RENDERERS)


def writer(fmt: str) -> Writer:
    """The writer for ``fmt``; a UserError when that renderer is not part of this build."""
    if fmt == "json":
        return write_json
    if fmt not in RENDERERS:
        raise UserError(msg("不支持的导出格式“{fmt}”：可用 {formats}", fmt=fmt, formats="、".join(FORMATS)))
    module_name, func = RENDERERS[fmt]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise UserError(msg("本版本尚不能把年度报告导出为 {fmt}（缺少该格式的生成模块）", fmt=fmt.upper())) from None
    if fmt == "html":
        return _write_html
    return lambda data, path: getattr(module, func)(data, path)


def export(report_json: dict, fmt: str, path: Path) -> Path:
    result = writer(fmt)(report_json, Path(path))
    return Path(result) if isinstance(result, (str, Path)) else Path(path)
