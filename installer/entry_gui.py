"""Frozen-app entry point of the window (PyInstaller)."""

import sys

from zwgk_desktop.ui.app import main

sys.exit(main())
