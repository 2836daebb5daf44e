"""The texts a TEI document holds: the reading text and the diplomatic text.

Both are read back from the TEI, so tests and publishers can prove that nothing the source
said was lost: the diplomatic text restores line ends, line-end hyphens and quotation marks.
"""

from __future__ import annotations

import re

from lxml import etree

from . import TEI_NS

_NS = {"t": TEI_NS}
QUOTE_MARK = "”"
#: Elements whose content is not part of the running text (running heads, notes kept apart).
OUTSIDE = frozenset({"fw"})


_PRE = re.compile(r"pre\((.*?)\)")
_POST = re.compile(r"post\((.*?)\)")


def _marks(rend: str | None, default: str) -> tuple[str, str]:
    """The quotation marks of a q/soCalled: from ``rend="pre(x) post(y)"`` or the default."""
    if not rend:
        return default, default
    pre, post = _PRE.search(rend), _POST.search(rend)
    return (pre.group(1) if pre else default, post.group(1) if post else default)


def _walk(el: etree._Element, out: list[str], diplomatic: bool, mark: str,
          feet: list[str] | None = None) -> None:
    name = etree.QName(el).localname if isinstance(el.tag, str) else ""
    if name in OUTSIDE:
        pass
    elif name == "lb":
        if diplomatic:
            rend = el.get("rend")
            # rend="hyphen" (or the hyphen's own glyph, e.g. "¬") marks a removed hyphen
            out.append("-\n" if rend == "hyphen" else f"{rend}\n" if rend and len(rend) == 1
                       and el.get("break") == "no" else "\n")
    elif name == "pb" and feet:  # the notes of the page that ends here, where they stood
        out.append("\n" + "\n".join(feet) + "\n")
        feet.clear()
    elif name == "note" and diplomatic and feet is not None and el.get("place") == "foot":
        # a footnote moved to its callout: the callout's figure here, the note itself at
        # the foot of the page, as the source had them
        out.append(el.get("n", ""))
        note: list[str] = [el.get("n", "") + " ", el.text or ""]
        for child in el:
            _walk(child, note, diplomatic, mark, feet)
        feet.append("".join(note))
    else:
        # a quote of paragraphs or verse is a block quotation: its marks, if the source
        # had any, are on the q inside
        quoted = diplomatic and name in ("q", "soCalled", "quote") and not (
            name == "quote" and any(isinstance(c.tag, str) and etree.QName(c).localname
                                    in ("p", "l", "lg") for c in el))
        pre, post = _marks(el.get("rend"), mark)
        if quoted:
            out.append(pre)
        if diplomatic and name == "note" and el.get("n"):
            out.append(el.get("n", "") + " ")  # the note's mark (the callout's figure)
        if el.text and isinstance(el.tag, str):
            out.append(el.text)
        for child in el:
            _walk(child, out, diplomatic, mark, feet)
        if quoted:
            out.append(post)
    if el.tail:
        out.append(el.tail)


def block_text(el: etree._Element, *, diplomatic: bool = False, mark: str = QUOTE_MARK,
               feet: list[str] | None = None) -> str:
    """The text of one element (paragraph, heading …), reading or diplomatic.

    With ``feet`` (a list, diplomatic only), footnotes are not read where they are attached
    but collected there, and given back at the next page break (see ``words``).
    """
    out: list[str] = []
    if diplomatic and etree.QName(el).localname in ("item", "note") and el.get("n"):
        out.append(el.get("n", "") + " ")  # the source's list mark (encode keeps it in @n)
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out, diplomatic, mark, feet)
    return "".join(out)


def blocks(tree: etree._ElementTree | etree._Element) -> list[etree._Element]:
    """The text-bearing blocks of a TEI document's ``text``, in document order."""
    return tree.xpath(
        "//t:text//*[self::t:p or self::t:head or self::t:docAuthor or self::t:titlePart "
        "or self::t:docDate or self::t:byline or self::t:l"
        " or self::t:item[not(.//t:p or .//t:l or .//t:item)]"
        " or self::t:note[not(.//t:p or .//t:l or .//t:item)][not(ancestor::*[self::t:item"
        " or self::t:l or self::t:titlePart or self::t:docAuthor or self::t:docDate"
        " or self::t:note])]]"
        "[not(ancestor::t:p or ancestor::t:head or ancestor::t:byline)]",
        namespaces=_NS)


def words(tree: etree._ElementTree | etree._Element, *, diplomatic: bool = False) -> list[str]:
    """Every word of the text, in order (whitespace-separated).

    Diplomatic: the words in the source's order, footnotes at the foot of their page.
    """
    if not diplomatic:
        return [w for b in blocks(tree) for w in block_text(b).split()]
    out: list[str] = []
    feet: list[str] = []
    found = blocks(tree)
    inside = {id(b) for b in found}
    pbs = tree.xpath("//t:text//t:pb[not(ancestor::t:p or ancestor::t:head or "
                     "ancestor::t:item or ancestor::t:note or ancestor::t:byline)]",
                     namespaces=_NS)
    order = {id(e): k for k, e in enumerate(tree.iter() if isinstance(
        tree, etree._ElementTree) else tree.getroottree().iter())}
    for el in sorted([*found, *pbs], key=lambda e: order[id(e)]):
        if id(el) not in inside:  # a page break between blocks: the notes of the page end
            out.extend(w for f in feet for w in f.split())
            feet.clear()
            continue
        out.extend(block_text(el, diplomatic=True, feet=feet).split())
    out.extend(w for f in feet for w in f.split())
    return out
