"""Core messages (:mod:`zwgk_desktop.core.messages`) in the window's language.

The core builds its user-facing texts with ``msg("模板{x}", x=…)``; :func:`core_text` looks the template up in
the translation catalogue (context ``core``, collected by ``resources/translations/update.sh``) and fills it
with the parameters, themselves translated when they are messages too. Plain strings (user data) pass as
they are. Without an English translator installed the Chinese text comes back unchanged.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from zwgk_desktop.core.messages import Msg, message_of

CONTEXT = "core"


def _translate(template: str) -> str:
    return QCoreApplication.translate(CONTEXT, template)


def _param(value: Any) -> Any:
    if isinstance(value, Msg):
        return core_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_param(v) for v in value)
    return value


def core_text(text: Any) -> str:
    """``text`` in the window's language when it is a core :class:`Msg`; anything else as ``str``."""
    if not isinstance(text, Msg):
        return "" if text is None else str(text)
    translated = _translate(text.template) if text.template else ""
    if not text.params:
        return translated
    params = {name: _param(value) for name, value in text.params.items()}
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation must not hide the message
        return text.template.format(**params)


def error_text(exc: BaseException) -> str:
    """The message of a core error in the window's language."""
    return core_text(message_of(exc))
