# Data files installed with the package as ``zwgk_desktop.resources`` (see pyproject.toml).
