"""Frozen-app entry point of the command line (PyInstaller)."""

import sys

from zwgk_desktop.cli import main

sys.exit(main())
