"""Pagefind's index of a built HTML edition (``teiedition html --search pagefind``).

Pagefind (PyPI ``pagefind[extended]``, its binary bundled) reads the pages and writes
``pagefind/`` beside them: word shards fetched on demand, stemmed in each page's language
(``<html lang>``: Swedish, German, English, French … ; the extended binary also segments
Chinese and Japanese). It needs HTTP (fetch, WebAssembly), so it is for editions on a server;
the default search (``publish.search``) works from ``file://``.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import InputError, TeieditionError

#: What is not reading text (the same as the pages' interface: hidden diplomatic forms,
#: tooltips, page and paragraph numbers, note markers) and the site's banner and footer.
EXCLUDE = ", ".join([".dipl", ".tip", ".pnum", ".pb", ".noteref", ".note-n", ".backref",
                     "header.site", "footer.site", "nav", "form"])


def executable() -> str:
    """The bundled Pagefind binary (the extended one if installed)."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        try:
            from pagefind_bin import get_executable
        except ImportError:
            raise InputError("--search pagefind needs Pagefind: pip install "
                             "'pagefind[extended]'") from None
    return str(get_executable())


def index_site(site: Path, timeout: float = 600) -> None:
    """Write Pagefind's index of the pages in ``site`` into ``site/pagefind``."""
    cmd = [executable(), "--site", str(site), "--exclude-selectors", EXCLUDE, "--silent"]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise TeieditionError(f"Pagefind could not index the edition: {err}") from None
    if run.returncode != 0:
        said = (run.stderr or run.stdout).strip().splitlines()
        raise TeieditionError("Pagefind could not index the edition: "
                              f"{said[-1] if said else f'exit code {run.returncode}'}")
