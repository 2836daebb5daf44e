"""Review of encoded files (``teiedition entities``): every name with its register id, kind,
forms, count, certainty and first occurrence, as a table, TSV or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .register import Register, empty_register

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
    if fmt == "tsv":
        return "\n".join("\t".join(c.replace("\t", " ") for c in line)
                         for line in [head, *body])
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
