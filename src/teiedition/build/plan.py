"""Plan: what every output depends on (fingerprints of the code, schemas, stylesheets and of
the register entries a text uses), and which outputs belong to sources that are gone."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..errors import TeieditionError
from ..manifest import Manifest, fingerprint, sha256_bytes, sha256_file
from ..output import (
    OutputError,
)
from ..resources import data_path, schema_path, xslt_path
from .discover import HTML_DIR, PDF_DIR, SEARCH_DIR, Doc
from .search import _PART_MAGIC, PART

if TYPE_CHECKING:
    from .run import _Run


@dataclass(slots=True)
class _Deps:
    """Fingerprints of what every output depends on beyond its own input."""

    encode: str
    html: str
    pdf: str
    schema: str


def _tree_hash(manifest: Manifest, folder: Path, pattern: str = "*") -> str:
    if not folder.is_dir():
        return ""
    files = sorted(p for p in folder.rglob(pattern)
                   if p.is_file() and "__pycache__" not in p.parts)
    return fingerprint([(p.relative_to(folder).as_posix(), manifest.hash_input(p))
                        for p in files])


def _dependency_hashes(manifest: Manifest) -> _Deps:
    sde = os.environ.get("SOURCE_DATE_EPOCH", "")
    model = _tree_hash(manifest, data_path())
    schemas = _tree_hash(manifest, schema_path())
    common = _tree_hash(manifest, xslt_path("common"))
    return _Deps(
        encode=fingerprint(__version__, model, sde),
        # the search parts' format is the code's, not the stylesheets' (a new one: all anew)
        html=fingerprint(__version__, common, _tree_hash(manifest, xslt_path("html")), schemas,
                         _PART_MAGIC.decode()),
        pdf=fingerprint(__version__, common, _tree_hash(manifest, xslt_path("print")), schemas,
                        sde),
        schema=schemas)


def _publish_deps(d: _Deps, doc: Doc, tei_sha: str, reg_part: str, strict: bool, paper: str,
                  size: int, title: str = "", figures: str = "", search: str = "yes"
                  ) -> tuple[str, str]:
    """The fingerprints of a document's HTML page (and search passages) and of its PDF
    (``figures``: of the images it prints, ``_figures``); the page's search box depends on
    the ``search`` (named unless the default, so that the fingerprints of editions that never
    chose one stay as they were)."""
    common = (tei_sha, reg_part, doc.kind, strict)
    pages = doc.pages or doc.page  # (a single page fingerprints as before)
    return (fingerprint("html", d.html, *common, pages, size > 1, *((title,) if title else ()),
                        *((search,) if search != "yes" else ())),
            fingerprint("pdf", d.pdf, *common, paper, *((figures,) if figures else ())))


def _figures(m: Manifest, tei: Path, tei_sha: str, folder: Path) -> str:
    """The fingerprint of the images a TEI's figures print (files in ``folder`` by pdf's
    rules, ``image_paths``), "" when it has none: an image changed, added or removed alone
    rebuilds the PDF. The figures' URLs are read once per TEI content (the manifest's notes);
    the images are hashed again only when their size or time changed (``hash_input``)."""
    from ..publish.pdf import figure_urls, image_paths

    known = m.notes.setdefault("figures", {})
    urls = known.get(tei_sha)
    if urls is None:
        urls = known[tei_sha] = figure_urls(tei.read_bytes())
        m.dirty = True
    if not urls:
        return ""
    paths = image_paths(urls, folder)
    return fingerprint([(url, m.hash_input(paths[url]) if url in paths else None)
                        for url in urls])


class _RegisterView:
    """What a text's pages take from the register: the entries it points to, and which kinds
    of entries exist (the navigation). A new name in one text then rebuilds the pages of the
    texts that use it, not every page of the edition.

    The ids a TEI points to are learnt when it is published and kept in the manifest under
    its hash; before that, the whole register counts.
    """

    def __init__(self, m: Manifest, register: Path, sha: str) -> None:
        self.m, self.sha = m, sha
        self.refs: dict[str, list[str]] = m.notes.setdefault("refs", {})
        cached = m.notes.get("register", {})
        if cached.get("sha") == sha:
            self.kinds, self.entries = cached["kinds"], cached["entries"]
            return
        self.kinds, self.entries = [], {}
        if sha:
            from lxml import etree

            from ..xml import parse_file

            xid = "{http://www.w3.org/XML/1998/namespace}id"
            for el in parse_file(register).getroot().iter():
                if isinstance(el.tag, str) and el.get(xid):
                    self.entries[el.get(xid)] = sha256_bytes(etree.tostring(el, method="c14n"))
                    self.kinds.append(etree.QName(el).localname)
            self.kinds = sorted(set(self.kinds))
        m.notes["register"] = {"sha": sha, "kinds": self.kinds, "entries": self.entries}
        m.dirty = True

    def part(self, tei_sha: str) -> str:
        if not self.sha:
            return ""
        refs = self.refs.get(tei_sha)
        if refs is None:
            return f"register:{self.sha}"
        return fingerprint(self.kinds, [(r, self.entries.get(r)) for r in refs])

    def learn(self, tei_sha: str, refs: list[str]) -> None:
        self.refs[tei_sha] = refs


def _outputs_of(doc: Doc) -> set[str]:
    """Every file a source can have in the output root (in any format)."""
    out = {f"{PDF_DIR}/{doc.stem}.pdf"}
    for page in doc.html_pages:
        out |= {f"{HTML_DIR}/{page}", f"{SEARCH_DIR}/{page}{PART}"}
    if doc.tei_rel:
        out.add(doc.tei_rel)
    return out


def _remove_gone(docs: list[Doc], root: Path, run: _Run) -> None:
    """Delete the outputs (and manifest entries) of sources that no longer exist, and the
    outputs a source of this build no longer makes (its page was renamed).

    A source that still exists but is not part of this build keeps its outputs (building one
    file into an edition does not remove the others). Only files that still hold the bytes we
    wrote are deleted: a TEI file edited by hand stays (the summary says so), and so does any
    other output someone changed; their entries leave the manifest.
    """
    m, s = run.manifest, run.summary
    current = {os.path.abspath(doc.path): _outputs_of(doc) for doc in docs}
    exists: dict[str, bool] = {}
    for rel, rec in sorted(m.outputs.items()):
        old_format = rel.startswith(f"{SEARCH_DIR}/") and not rel.endswith(PART)
        if old_format:
            pass  # a search part in an earlier format (made again as .idx)
        elif "#" in rel or not rec.source or rec.source == "edition":
            continue
        elif rec.source in current:
            if rel in current[rec.source]:
                continue
        else:
            if rec.source not in exists:
                exists[rec.source] = Path(rec.source).exists()
            if exists[rec.source]:
                continue
        path = root / rel
        edited = f"{rel}#edited" in m.outputs
        try:
            st = path.stat()
        except OSError:
            st = None
        ours = st is not None and not edited and (
            rec.same_stat(st) or (st.st_size == rec.size and sha256_file(path) == rec.sha256))
        if ours:
            try:
                path.unlink()
            except OSError as err:
                raise OutputError(f"cannot remove {rel}: {err.strerror}", path=str(path)) \
                    from None
            if not old_format:
                s.removed.append(rel)
                run.event(event="removed", output=rel, source=rec.source)
        elif st is not None and rel.startswith("tei/"):
            s.orphans.append(rel)
            run.event(event="kept", output=rel, source=rec.source)
        m.outputs.pop(rel, None)
        m.outputs.pop(f"{rel}#edited", None)
        m.inputs.pop(str(path.resolve()), None)  # hashes no longer needed
        if rec.source and not Path(rec.source).exists():
            m.inputs.pop(rec.source, None)
        m.dirty = True
    for key in [k for k in m.outputs if k.startswith("#valid:")]:
        if not Path(key[len("#valid:"):]).exists():
            del m.outputs[key]
            m.dirty = True


class _Evidence:
    """What a text's encoding took from the register, so that the register's changes re-encode
    exactly the texts they concern (and nothing else).

    Encoding reads only the editor's part of the register (``Register.evidence``: entries
    teiedition added by itself never decide again), so what builds add never re-encodes
    anything: a build is a fixed point. An editor's change does: a text is encoded again when
    an entry its names were linked to changed (forms, kind, merges: the entry's fingerprint),
    or when its source holds a form that the change added, removed or moved to another entry.

    Kept in the manifest: per TEI, the ids it used and the evidence it was checked against;
    per evidence, its forms (with the fingerprints of their entries) while a TEI refers to it.
    """

    def __init__(self, m: Manifest, register: Path, register_sha: str) -> None:
        self.m = m
        self.uses: dict[str, dict[str, Any]] = m.notes.setdefault("uses", {})
        self.forms_at: dict[str, dict[str, str]] = m.notes.setdefault("evidence_forms", {})
        self.read(register, register_sha)

    def read(self, register: Path, register_sha: str) -> None:
        """The evidence of the register whose hash is ``register_sha`` (cached by it)."""
        m = self.m
        cached = m.notes.get("evidence", {})
        if cached.get("register") == register_sha and cached.get("sha") in self.forms_at:
            self.sha, self.fps = cached["sha"], cached["fps"]
        else:
            self.fps, forms = {}, {}
            if register_sha:
                from ..entities.register import load_register

                ev = load_register(register).evidence()
                self.fps = ev.fingerprints()
                for form, entry in ev.forms():
                    forms.setdefault(form, []).append(self.fps[entry.id])
            self.sha = fingerprint(sorted(self.fps.items()))
            self.forms_at[self.sha] = {f: fingerprint(sorted(v)) for f, v in forms.items()}
            m.notes["evidence"] = {"register": register_sha, "sha": self.sha, "fps": self.fps}
            m.dirty = True

    def part(self, rel: str, source: Path) -> str:
        """The fingerprint of the register's part in the TEI ``rel`` (from ``source``)."""
        u = self.uses.get(rel)
        if u is None:
            return "unknown"  # encoded before this was kept: once more
        if u["evidence"] != self.sha:
            if self._touched(u["evidence"], source):
                return f"touched:{self.sha}"
            u["evidence"] = self.sha  # the change does not concern this text
            self.m.dirty = True
        return fingerprint([(i, self.fps.get(i)) for i in u["ids"]])

    def _touched(self, old_sha: str, source: Path) -> bool:
        old, new = self.forms_at.get(old_sha), self.forms_at.get(self.sha, {})
        if old is None:
            return True
        changed = {f for f in old.keys() | new.keys() if old.get(f) != new.get(f)}
        if not changed:
            return False
        from ..encode.source import decode

        try:
            text = _letters(decode(source.read_bytes(), source.name, None).text)
        except (OSError, TeieditionError):
            return True
        return any(_letters(f) in text for f in changed)

    def learn(self, rel: str, ids: set[str]) -> None:
        """The register ids the new TEI ``rel`` was linked to from the editor's entries."""
        self.uses[rel] = {"evidence": self.sha, "ids": sorted(ids)}
        self.m.dirty = True

    def forget(self, keep: set[str]) -> None:
        """Drop what belongs to TEI files no longer built and evidence no TEI refers to."""
        for rel in [r for r in self.uses if r not in keep]:
            del self.uses[rel]
        used = {u["evidence"] for u in self.uses.values()} | {self.sha}
        for sha in [s for s in self.forms_at if s not in used]:
            del self.forms_at[sha]


def _letters(text: str) -> str:
    """Letters and digits only, case-folded: a form is found across line ends, hyphens and
    spacing (finding too much only costs an encoding)."""
    return _NOT_ALNUM.sub("", text.casefold())


_NOT_ALNUM = re.compile(r"[\W_]+")
