"""Review of encoded files (``teiedition entities``): every name with its register id, kind,
forms, count, certainty and first occurrence, as a table, TSV or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .register import Register, apply_corrections, empty_register

# ---------------------------------------------------------------------------------------
# review of encoded files (``teiedition entities``)

_TEI = "{http://www.tei-c.org/ns/1.0}"
_REVIEW_TAGS = {"persName": "person", "orgName": "org", "placeName": "place", "title": "journal"}
_CERT_ORDER = {"low": 0, "medium": 1, "high": 2, None: 3}


@dataclass(slots=True)
class ReviewRow:
    """One entity of the reviewed files: its id, kind, forms and where it first occurs."""

    id: str
    kind: str
    name: str
    forms: dict[str, int]
    count: int
    cert: str | None
    first: str
    in_register: bool

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "name": self.name, "forms": self.forms,
                "count": self.count, "cert": self.cert or "", "first": self.first,
                "in_register": self.in_register}


def review(paths: Sequence[str], register: Register | None) -> list[ReviewRow]:
    """Every name in the TEI files, grouped by ``@ref`` (or by form where there is none)."""
    from ..xml import parse_file

    reg = register if register is not None else empty_register()
    rows: dict[tuple[str, str], ReviewRow] = {}
    for path in paths:
        tree = parse_file(path)
        text = tree.getroot().find(f"{_TEI}text")
        if text is None:
            continue
        for el in text.iter():
            if not isinstance(el.tag, str) or not el.tag.startswith(_TEI):
                continue
            local = el.tag[len(_TEI):]
            kind = _REVIEW_TAGS.get(local)
            if kind is None or (local == "title" and el.get("level") != "j"):
                continue
            form = " ".join("".join(el.itertext()).split())
            ref = (el.get("ref") or "").split()[0:1]
            xid = ref[0].lstrip("#") if ref else ""
            key = (kind, xid or form)
            row = rows.get(key)
            if row is None:
                entry = reg.entries.get(xid) if xid else reg.lookup(form)
                row = rows[key] = ReviewRow(
                    xid or "", kind, entry.name if entry else form, {}, 0, el.get("cert"),
                    f"{path}:{el.sourceline}", entry is not None)
            row.forms[form] = row.forms.get(form, 0) + 1
            row.count += 1
            if not row.in_register:  # a candidate is named by its most frequent form
                row.name = max(row.forms.items(), key=lambda x: (x[1], -len(x[0])))[0]
            if _CERT_ORDER[el.get("cert")] < _CERT_ORDER[row.cert]:
                row.cert = el.get("cert")
    order = {"person": 0, "org": 1, "place": 2, "journal": 3}
    return sorted(rows.values(), key=lambda r: (order[r.kind], -r.count, r.name))


def format_review(rows: Sequence[ReviewRow], fmt: str = "table") -> str:
    """The review as an aligned table, TSV or JSON; candidates not in the register last."""
    import json

    if fmt == "json":
        return json.dumps({"entities": [r.as_dict() for r in rows if r.in_register],
                           "candidates": [r.as_dict() for r in rows if not r.in_register]},
                          ensure_ascii=False, indent=2)

    def forms(r: ReviewRow) -> str:
        return "; ".join(f"{f} ({n})" if n > 1 else f
                         for f, n in sorted(r.forms.items(), key=lambda x: (-x[1], x[0])))

    head = ["id", "kind", "name", "forms", "count", "cert", "first", "in_register"]
    body = [[r.id or "-", r.kind, r.name, forms(r), str(r.count), r.cert or "",
             r.first, "yes" if r.in_register else "no"] for r in rows]
    if fmt == "tsv":  # two empty columns for the editor: merge_into (an id), reject (yes)
        return "\n".join("\t".join(c.replace("\t", " ") for c in line)
                         for line in [head + list(EDIT_COLUMNS), *[b + ["", ""] for b in body]]
                         ) + "\n"
    out: list[str] = []
    for title, part in (("In the register", [b for b in body if b[-1] == "yes"]),
                        ("Not yet in the register (candidates)",
                         [b for b in body if b[-1] == "no"])):
        out.append(f"{title}: {len(part)}")
        if not part:
            out.append("")
            continue
        cols = head[:-1]
        cells = [line[:-1] for line in part]
        width = [min(40, max(len(h), *(len(c[i]) for c in cells))) for i, h in enumerate(cols)]
        out.append("  ".join(h.ljust(w) for h, w in zip(cols, width, strict=True)).rstrip())
        for c in cells:
            out.append("  ".join(_clip(x, w).ljust(w)
                                 for x, w in zip(c, width, strict=True)).rstrip())
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _clip(s: str, w: int) -> str:
    return s if len(s) <= w else s[: w - 1] + "…"


# ---------------------------------------------------------------------------------------
# the editor's corrections, read back (``teiedition entities --apply review.tsv``)

EDIT_COLUMNS = ("merge_into", "reject")
_KINDS = ("person", "org", "place", "journal")
_YES = frozenset({"yes", "y", "x", "1", "true", "ja", "reject"})


@dataclass(slots=True)
class Correction:
    """One row of an edited review table: what the editor wants for an entry."""

    line: int
    id: str
    kind: str
    name: str
    forms: list[str]
    merge_into: str
    reject: bool
    in_register: bool


def read_corrections(text: str, path: str) -> list[Correction]:
    """The rows of an edited review table (TSV as ``--format tsv`` writes it); raise
    ``InputError`` at ``path:line:column`` for anything it cannot read."""
    from ..errors import InputError

    lines = text.splitlines()
    if not lines:
        raise InputError("the review table is empty", path=path, line=1, column=1)
    head = lines[0].split("\t")
    col = {h.strip(): i for i, h in enumerate(head)}
    for need in ("id", "kind", "name"):
        if need not in col:
            raise InputError(f"the review table has no column '{need}' (the first line names "
                             "the columns, as 'teiedition entities --format tsv' writes them)",
                             path=path, line=1, column=1)
    out: list[Correction] = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")

        def cell(name: str, cells: list[str] = cells) -> str:
            i = col.get(name)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        def column(name: str, line: str = line) -> int:
            i = col.get(name, 0)
            return sum(len(c) + 1 for c in line.split("\t")[:i]) + 1

        kind = cell("kind").lower()
        if kind not in _KINDS:
            raise InputError(f"unknown kind {cell('kind')!r} (one of {', '.join(_KINDS)})",
                             path=path, line=n, column=column("kind"))
        if not cell("name"):
            raise InputError("the name is empty", path=path, line=n, column=column("name"))
        reject = cell("reject").lower()
        if reject and reject not in _YES and reject not in ("no", "n", "0", "false", "nej"):
            raise InputError(f"reject is 'yes' or empty, not {cell('reject')!r}", path=path,
                             line=n, column=column("reject"))
        forms = [f.rsplit(" (", 1)[0] if f.endswith(")") else f
                 for f in (x.strip() for x in cell("forms").split(";")) if f]
        xid = cell("id")
        out.append(Correction(n, "" if xid == "-" else xid, kind, cell("name"), forms,
                              cell("merge_into").lstrip("#"), reject in _YES,
                              cell("in_register").lower() in ("yes", "")))
    return out


def apply_review(text: str, path: str, register: Register, resp: str = "editor") -> Register:
    """The register with the editor's corrections of a review table applied (see
    ``register.apply_corrections``); nothing is applied if any row is wrong."""
    from ..errors import InputError

    rows = read_corrections(text, path)
    ids = {r.id for r in rows if r.id}
    for r in rows:
        if r.merge_into and r.merge_into not in register.entries and r.merge_into not in ids:
            raise InputError(f"merge_into names no entry: {r.merge_into!r}", path=path,
                             line=r.line, column=1)
        if r.merge_into == r.id:
            raise InputError("an entry cannot be merged into itself", path=path, line=r.line,
                             column=1)
    return apply_corrections(register, rows, resp)
