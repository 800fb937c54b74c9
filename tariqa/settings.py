"""Where tariqa keeps its files, read from the environment in one place.

``TARIQA_DATA_DIR`` overrides the user data folder (``platformdirs``); the database
defaults to ``tariqa.db`` there and the UN roll-call data to its ``unga`` folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_folder() -> Path:
    """The user data folder: ``TARIQA_DATA_DIR``, else the platform's (e.g. ~/.local/share/tariqa)."""
    env = os.environ.get("TARIQA_DATA_DIR")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("tariqa", appauthor=False))


def unga_folder() -> Path:
    """Where UN General Assembly roll-call data is read from: ``TARIQA_UNGA_DIR``, else the
    ``unga`` folder of the user data folder."""
    env = os.environ.get("TARIQA_UNGA_DIR")
    return Path(env).expanduser() if env else data_folder() / "unga"
