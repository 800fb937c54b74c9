"""A built wheel carries the web application's templates and static files, the vendored
ones with their licences (a wheel built from pyproject.toml once shipped none of them)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
WEB = ROOT / "tariqa" / "web"


@pytest.mark.slow
def test_the_wheel_holds_every_template_and_static_file(tmp_path: Path) -> None:
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", "*.db*")
    shutil.copytree(ROOT, source, ignore=ignore)  # pip would leave build/ and egg-info in the tree
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    [wheel] = (tmp_path / "dist").glob("tariqa-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        p.relative_to(ROOT).as_posix()
        for folder in ("templates", "static")
        for p in (WEB / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert "tariqa/web/static/vendor/swagger-ui/swagger-ui-bundle.js" in wanted
    assert "tariqa/web/static/vendor/swagger-ui/LICENSE" in wanted
    assert "tariqa/web/static/api-docs.js" in wanted
    assert sorted(wanted - names) == []
