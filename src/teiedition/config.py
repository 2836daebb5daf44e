"""The edition config ``teiedition.toml``: read with ``tomllib``, checked, one error a line.

The config says what no text says about itself: the edition's title, its editors and their
roles, who publishes it where and when, under which licence, in which languages, at which
URL, and the default paper and formats. It fills every TEI header that ``encode`` and
``build`` write (``editionStmt``, ``publicationStmt`` with ``availability/licence``), and
through them the HTML and PDF. ``tomllib`` gives line numbers for syntax errors only, so the
line of a key whose value is wrong is found here (``teiedition.toml:12: error: licence:
unknown SPDX id 'CC-BY'``).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["Config", "Editor", "LICENCES", "load_config", "parse_config", "EXAMPLE",
           "DEFAULT"]

#: SPDX ids of the licences editions use, with their names and canonical URLs. Any other
#: licence is named ``LicenseRef-…`` (SPDX's form for a licence not on its list) with its
#: text in ``licence_text``.
LICENCES: dict[str, tuple[str, str]] = {
    "CC0-1.0": ("CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-PDDC": ("Creative Commons Public Domain Dedication and Certification",
                "https://creativecommons.org/licenses/publicdomain/"),
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 International",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-NC-4.0": ("Creative Commons Attribution-NonCommercial 4.0 International",
                     "https://creativecommons.org/licenses/by-nc/4.0/"),
    "CC-BY-NC-SA-4.0": ("Creative Commons Attribution-NonCommercial-ShareAlike 4.0 "
                        "International", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
    "CC-BY-ND-4.0": ("Creative Commons Attribution-NoDerivatives 4.0 International",
                     "https://creativecommons.org/licenses/by-nd/4.0/"),
    "CC-BY-NC-ND-4.0": ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 "
                        "International", "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
    "CC-BY-3.0": ("Creative Commons Attribution 3.0 Unported",
                  "https://creativecommons.org/licenses/by/3.0/"),
    "CC-BY-SA-3.0": ("Creative Commons Attribution-ShareAlike 3.0 Unported",
                     "https://creativecommons.org/licenses/by-sa/3.0/"),
    "CC-BY-NC-SA-3.0": ("Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Unported",
                        "https://creativecommons.org/licenses/by-nc-sa/3.0/"),
    "ODC-By-1.0": ("Open Data Commons Attribution License v1.0",
                   "https://opendatacommons.org/licenses/by/1-0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License v1.0",
                 "https://opendatacommons.org/licenses/odbl/1-0/"),
    "PDDL-1.0": ("Open Data Commons Public Domain Dedication & License 1.0",
                 "https://opendatacommons.org/licenses/pddl/1-0/"),
    "etalab-2.0": ("Etalab Open License 2.0",
                   "https://github.com/DISIC/politique-de-contribution-open-source/blob/"
                   "master/LICENSE"),
    "OGL-UK-3.0": ("Open Government Licence v3.0",
                   "https://www.nationalarchives.gov.uk/doc/open-government-licence/"
                   "version/3/"),
    "DL-DE-BY-2.0": ("Data licence Germany - attribution - version 2.0",
                     "https://www.govdata.de/dl-de/by-2-0"),
    "GFDL-1.3-or-later": ("GNU Free Documentation License v1.3 or later",
                          "https://www.gnu.org/licenses/fdl-1.3.html"),
    "MIT": ("MIT License", "https://opensource.org/license/mit/"),
    "Apache-2.0": ("Apache License 2.0", "https://www.apache.org/licenses/LICENSE-2.0"),
}
_LICENSE_REF = re.compile(r"^LicenseRef-[A-Za-z0-9.-]+$")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")  # BCP 47, as xml:lang takes it
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
PAPERS = ("a4", "a5", "letter")
FORMATS = ("tei", "html", "pdf")
#: the HTML edition's search (``search = ...``, ``build --search``): an index in shards that
#: works from file://, Pagefind's index (for a server), or none
SEARCHES = ("shards", "pagefind", "none")


@dataclass(frozen=True, slots=True)
class Editor:
    """One person responsible for the edition, and what they did (``role``)."""

    name: str
    role: str = "editor"


@dataclass(frozen=True, slots=True)
class Config:
    """The edition config; every field optional (the defaults are what an edition without
    ``teiedition.toml`` gets)."""

    title: str = ""
    subtitle: str = ""
    editors: tuple[Editor, ...] = ()
    publisher: str = ""
    place: str = ""
    date: str = ""
    licence: str = ""
    licence_text: str = ""
    languages: tuple[str, ...] = ()
    base_url: str = ""
    paper: str = "a4"
    formats: tuple[str, ...] = FORMATS
    search: str = "shards"  # the HTML edition's search: shards, pagefind or none
    path: str = field(default="", compare=False)

    @property
    def edition_title(self) -> str:
        """Title and subtitle as the HTML pages name the edition ("" for none)."""
        return " – ".join(t for t in (self.title, self.subtitle) if t)

    @property
    def licence_name(self) -> str:
        return LICENCES.get(self.licence, ("", ""))[0]

    @property
    def licence_url(self) -> str:
        return LICENCES.get(self.licence, ("", ""))[1]

    @property
    def has_publication(self) -> bool:
        """Whether the config says anything the TEI header's publicationStmt carries."""
        return bool(self.publisher or self.place or self.date or self.licence
                    or self.base_url)

    def digest(self) -> str:
        """A hash of the values (not the file's bytes: comments do not rebuild anything); the
        search is left out (the TEI does not depend on it, the HTML's fingerprints name it)."""
        values = {k: v for k, v in asdict(self).items() if k not in ("path", "search")}
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]


DEFAULT = Config()

_KEYS = {"title", "subtitle", "editors", "publisher", "place", "date", "licence",
         "licence_text", "languages", "base_url", "paper", "formats", "search"}
_EDITOR_KEYS = {"name", "role"}


_TABLE_LINE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\"'-]+)\s*\]\]?")  # [table], [[table]]
_KEY_LINE = re.compile(r"^\s*[\"']?([A-Za-z0-9_-]+)[\"']?\s*=")  # key = …


def _line_of(text: str, key: str, table: str | None = None, index: int = 0) -> int | None:
    """The line (1-based) where ``key`` is given: at the top level, or in the ``index``-th
    ``[[table]]``. tomllib keeps no positions, so the lines are read here."""
    current: str | None = None
    seen = -1
    for n, line in enumerate(text.splitlines(), 1):
        h = _TABLE_LINE.match(line)
        if h:
            current = h.group(1).strip("\"'")
            if current == table:
                seen += 1
            continue
        a = _KEY_LINE.match(line)
        if a and a.group(1) == key and current == table and (table is None or seen == index):
            return n
    return None


def parse_config(text: str, path: str = "teiedition.toml") -> Config:
    """Read and check a config; an InputError (``FILE:LINE: error: KEY: …``) otherwise."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        # Python < 3.14 has the position only in the message: "… (at line 3, column 9)"
        at = re.search(r"\(at line (\d+), column (\d+)\)$", str(err))
        line = getattr(err, "lineno", None) or (int(at.group(1)) if at else None)
        col = getattr(err, "colno", None) or (int(at.group(2)) if at else None)
        msg = getattr(err, "msg", None) or str(err)[:at.start()].strip() if at else str(err)
        raise InputError(f"not TOML: {msg}", path=path, line=line, column=col) from None

    def fail(key: str, message: str, table: str | None = None, index: int = 0) -> None:
        raise InputError(f"{key}: {message}", path=path,
                         line=_line_of(text, key.rsplit(".", 1)[-1], table, index))

    def string(key: str) -> str:
        v = data.get(key, "")
        if not isinstance(v, str):
            fail(key, f"must be a string, not {type(v).__name__}")
        return v.strip()

    def strings(key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        v = data.get(key, list(default))
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            fail(key, "must be a list of strings")
        return tuple(x.strip() for x in v)

    for key in data:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, sorted(_KEYS), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            fail(key, f"unknown key{hint}; the keys are {', '.join(sorted(_KEYS))}",
                 table=None)
    editors: list[Editor] = []
    raw = data.get("editors", [])
    if not isinstance(raw, list):
        fail("editors", "must be [[editors]] tables with name and role")
    for i, e in enumerate(raw):
        if not isinstance(e, dict):
            fail("editors", "must be [[editors]] tables with name and role")
        for k in e:
            if k not in _EDITOR_KEYS:
                fail(f"editors.{k}", "unknown key; an editor has name and role",
                     "editors", i)
        name, role = e.get("name", ""), e.get("role", "editor")
        if not isinstance(name, str) or not name.strip():
            raise InputError("editors: an editor needs a name", path=path,
                             line=_line_of(text, "role", "editors", i)
                             or _first_table_line(text, "editors", i))
        if not isinstance(role, str) or not role.strip():
            fail("editors.role", "must be a non-empty string", "editors", i)
        editors.append(Editor(name.strip(), role.strip()))
    licence = string("licence")
    if licence and licence not in LICENCES and not _LICENSE_REF.match(licence):
        close = [k for k in LICENCES if k.lower().startswith(licence.lower())] or \
            difflib.get_close_matches(licence, list(LICENCES), n=1)
        hint = f" (did you mean {close[0]}?)" if close else \
            " (for a licence not on the SPDX list write LicenseRef-NAME and licence_text)"
        fail("licence", f"unknown SPDX id {licence!r}{hint}")
    licence_text = string("licence_text")
    if licence.startswith("LicenseRef-") and not licence_text:
        fail("licence", f"{licence} is no SPDX licence: give its text in licence_text")
    date = string("date")
    if date and not _DATE.match(date):
        fail("date", f"{date!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    languages = strings("languages")
    for lang in languages:
        if not _LANGUAGE.match(lang):
            fail("languages", f"{lang!r} is not a language code (BCP 47: sv, en, de-CH)")
    base_url = string("base_url")
    if base_url and not _URL.match(base_url):
        fail("base_url", f"{base_url!r} is not an http(s) URL")
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    paper = string("paper") or "a4"
    if paper not in PAPERS:
        fail("paper", f"unknown paper size {paper!r} (choose one of {', '.join(PAPERS)})")
    formats = strings("formats", FORMATS)
    for f in formats:
        if f not in FORMATS:
            fail("formats", f"unknown format {f!r} (choose from {', '.join(FORMATS)})")
    search = string("search") or "shards"
    if search not in SEARCHES:
        fail("search", f"unknown search {search!r} (choose one of {', '.join(SEARCHES)})")
    return Config(title=string("title"), subtitle=string("subtitle"), editors=tuple(editors),
                  publisher=string("publisher"), place=string("place"), date=date,
                  licence=licence, licence_text=licence_text, languages=languages,
                  base_url=base_url, paper=paper, formats=formats, search=search, path=path)


def _first_table_line(text: str, table: str, index: int) -> int | None:
    seen = -1
    for n, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]", line):
            seen += 1
            if seen == index:
                return n
    return None


def load_config(path: str | Path) -> Config:
    """The config in ``path``; the defaults when there is no such file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # no config (or no folder): defaults
        return DEFAULT
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", path=str(p)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        raise InputError("not UTF-8 (TOML files are UTF-8)", path=str(p), line=line) from None
    return parse_config(text, str(p))


def as_dict(config: Config) -> dict[str, Any]:
    """The values (for the manifest and the log)."""
    return {k: v for k, v in asdict(config).items() if k != "path"}


#: What ``teiedition init`` writes: every key, commented, with an example value.
EXAMPLE = """\
# teiedition.toml: the edition config. `teiedition build` reads it from the edition's root
# (this folder); every key is optional. It fills every TEI header that encode and build
# write (editionStmt, publicationStmt, availability/licence), and through them the HTML
# index page and colophons and the PDF title page, colophon and metadata. Changing it
# rebuilds what depends on it.

# The edition's title and subtitle (the HTML index page, the PDF metadata, editionStmt).
title = "Letters, 1937"
subtitle = "A digital edition"

# Publication (publicationStmt): publisher, place and date (ISO: YYYY, YYYY-MM, YYYY-MM-DD).
publisher = "The Example Society"
place = "Stockholm"
date = "2026"

# Licence: an SPDX id (CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ...), or LicenseRef-NAME with
# its text in licence_text. licence_text may also add words to an SPDX licence.
licence = "CC-BY-4.0"
# licence_text = "Free to share and adapt with attribution."

# The languages of the texts (BCP 47 codes), and where the edition is published.
languages = ["sv"]
base_url = "https://example.org/letters/"

# Defaults for build: paper size of the PDFs (a4, a5, letter) and the formats to make.
paper = "a4"
formats = ["tei", "html", "pdf"]
# The HTML edition's search: shards (works from file://), pagefind (stemmed, for a web
# server), none.
search = "shards"

# Who made the edition, and what each did (editionStmt/respStmt), one [[editors]] table
# each. They come last: TOML reads every key after a table header as that table's.
[[editors]]
name = "Anna Andersson"
role = "editor"

[[editors]]
name = "Bertil Berg"
role = "transcription and review of the register"
"""
