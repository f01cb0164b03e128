import sys

from zwgk_desktop.cli import main

sys.exit(main())
