"""Where a workspace is and what its database file is called: plain names, no SQLAlchemy, so the window
can find the database for its first paint before anything heavy is imported (core/workspace.py uses the
same names)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "zwgk-desktop"
DB_NAME = "zwgk.sqlite"
ENV_DATA_DIR = "ZWGK_DATA_DIR"
ENV_DATABASE_URL = "ZWGK_DATABASE_URL"


def default_home() -> Path:
    """The user data folder: the default workspace, on the local disk."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return default_home()
