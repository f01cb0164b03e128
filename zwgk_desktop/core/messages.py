"""Messages from the Qt-free core that a front end may show in another language.

Core code that writes a message for the user (an error, a warning, a verdict) builds it with :func:`msg`:

    raise UserError(msg("文件“{name}”第{row}行：缺少事项名称", name=path.name, row=5))

The result is an ordinary ``str`` holding the formatted Chinese text, so the CLI prints it as it is, tests
compare it as text and it can be stored. It also remembers its template and parameters: the window looks the
template up in its translation catalogue (context ``core``) and formats it again in the user's language
(``zwgk_desktop.ui.i18n.core_text``). Parameters that are themselves :class:`Msg` are translated too.

``tools``: ``resources/translations/update.sh`` collects every literal ``msg("…")`` template of the core into
the ``core`` context of the translation file.
"""

from __future__ import annotations

from typing import Any


class Msg(str):
    """A formatted Chinese message that keeps its template and parameters."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any] | None = None) -> Msg:
        params = dict(params or {})
        text = template.format(**params) if params else template
        self = super().__new__(cls, text)
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # keep template and params across pickling (worker processes)
        return (Msg, (self.template, self.params))


def msg(template: str, /, **params: Any) -> Msg:
    """The message ``template`` (Chinese, ``str.format`` fields) filled with ``params``."""
    return Msg(template, params)


def message_of(exc: BaseException) -> str:
    """The message an exception was raised with, as a :class:`Msg` when it was built with :func:`msg`."""
    if exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc)


# separators of join_msgs, listed so that the translation tool collects them
SEPARATORS = (msg("；"), msg("，"), msg("、"), msg("。"), msg("："))


def join_msgs(sep: str, parts: list[str] | tuple[str, ...]) -> Msg:
    """``sep.join(parts)`` that keeps each part's template (``"；".join`` would give a plain str).

    The separator is a parameter too, so the window translates it (``；`` becomes ``; `` in English)."""
    parts = list(parts)
    if not parts:
        return Msg("")
    template = "{sep}".join(f"{{p{i}}}" for i in range(len(parts)))
    params: dict[str, Any] = {f"p{i}": part for i, part in enumerate(parts)}
    params["sep"] = next((s for s in SEPARATORS if s == sep), sep)
    return Msg(template, params)
