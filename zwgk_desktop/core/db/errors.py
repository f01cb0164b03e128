"""Database faults a clerk can meet in ordinary work, as Chinese messages instead of tracebacks."""

from __future__ import annotations

from pathlib import Path

from zwgk_desktop.core.messages import msg


def fault_kind(exc: BaseException) -> str | None:
    """``locked``, ``full``, ``readonly``, ``corrupt``, ``io`` for a database error, or None."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "locked" in text or "database is busy" in text:
        return "locked"
    if "disk is full" in text or "database or disk is full" in text:
        return "full"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    if "malformed" in text or "not a database" in text or "database corrupt" in text:
        return "corrupt"
    if "disk i/o error" in text:
        return "io"
    return None


def fault_message(exc: BaseException, db_path: Path | None, *, writing: bool) -> str | None:
    """What to tell the clerk about ``exc`` (nothing was saved when ``writing``), or None if unknown."""
    kind = fault_kind(exc)
    where = str(db_path) if db_path else msg("数据库")
    lost = msg("这次修改没有保存，") if writing else ""
    if kind == "locked":
        return msg("工作区的数据库“{db}”正被另一个程序长时间占用（数据库已锁定），{lost}请稍后再试。", db=where, lost=lost)
    if kind == "full":
        return msg("磁盘空间不足，写入数据库“{db}”失败，{lost}请清理磁盘后再试。已保存的数据不受影响。", db=where, lost=lost)
    if kind == "readonly":
        return msg("工作区的数据库“{db}”是只读的（没有写入权限，或在只读的磁盘上），{lost}数据没有损坏；"
                   "请把工作区放在可写的文件夹中。", db=where, lost=lost)
    if kind == "corrupt":
        return msg("工作区的数据库“{db}”已损坏（{detail}），{lost}请运行“检查数据完整性”，并从最近的备份恢复。",
                   db=where, detail=str(getattr(exc, "orig", None) or exc), lost=lost)
    if kind == "io":
        return msg("读写数据库“{db}”时出现磁盘错误（可能是磁盘已满、已拔出或损坏），{lost}请检查磁盘后再试。",
                   db=where, lost=lost)
    return None
