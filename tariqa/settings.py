"""tariqa's settings, in one place: where the database, the data folder, the UN vote data
and a GDELT Parquet folder are, and how the web server runs.

They are read once, from the command line's options (or the caller's arguments), then the
environment, then the defaults:

=====================  ==========================  ========================================
setting                environment                 default
=====================  ==========================  ========================================
``database``           ``TARIQA_DATABASE_URL``     ``tariqa.db`` in the data folder
``data_folder``        ``TARIQA_DATA_DIR``         the platform's user data folder
``unga_folder``        ``TARIQA_UNGA_DIR``         ``unga`` in the data folder
``gdelt_folder``       ``TARIQA_GDELT_STORE``      none
=====================  ==========================  ========================================

The server's worker processes get the whole :class:`Settings` of ``tariqa serve`` in one
variable (:meth:`Settings.to_environment`), never option by option.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The one variable through which ``tariqa serve`` hands its settings to its workers.
SERVER_VARIABLE = "TARIQA_SERVER_SETTINGS"


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


@dataclass(frozen=True)
class Settings:
    """How tariqa runs. ``database``: a SQLite path or a database URL (None: the default
    file); ``anonymous_read``: visitors who are not logged in may read the web app (never
    write); ``forwarded_allow_ips``: the proxies whose X-Forwarded-For is believed."""

    database: str | None = None
    unga_folder: Path | None = None
    gdelt_folder: Path | None = None
    anonymous_read: bool = False
    secure_cookies: bool = False
    max_upload: int = 5_000_000
    login_attempts: int = 5
    """Failed logins allowed per name and address within ``login_window`` seconds."""
    login_attempts_per_address: int = 20
    """Failed logins allowed per address, as any names, within ``login_window`` seconds."""
    login_window: int = 300
    forwarded_allow_ips: str | None = None

    @classmethod
    def read(cls, **given: Any) -> Settings:
        """The settings from ``given`` values (None: not given), then the environment."""
        env = os.environ
        values: dict[str, Any] = {
            "database": env.get("TARIQA_DATABASE_URL") or None,
            "unga_folder": Path(env["TARIQA_UNGA_DIR"]) if env.get("TARIQA_UNGA_DIR") else None,
            "gdelt_folder": Path(env["TARIQA_GDELT_STORE"]) if env.get("TARIQA_GDELT_STORE") else None,
        }
        values.update({k: v for k, v in given.items() if v is not None})
        return cls(**values)

    def votes(self) -> Path:
        """The UN vote data folder these settings name, else the default."""
        return self.unga_folder or unga_folder()

    def to_environment(self) -> dict[str, str]:
        """The settings as the one variable the server's workers read back."""
        plain = {k: str(v) if isinstance(v, Path) else v for k, v in dataclasses.asdict(self).items()}
        return {SERVER_VARIABLE: json.dumps(plain, sort_keys=True)}

    @classmethod
    def from_environment(cls) -> Settings:
        """What :meth:`to_environment` wrote (in a worker of ``tariqa serve``)."""
        raw: dict[str, Any] = json.loads(os.environ[SERVER_VARIABLE])
        paths = {f.name for f in dataclasses.fields(cls) if "Path" in str(f.type)}
        values: dict[str, Any] = {k: Path(v) if k in paths and v is not None else v for k, v in raw.items()}
        return cls(**values)
