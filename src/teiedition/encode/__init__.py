"""Plain text → TEI: read the source, find its layout, resolve line ends, mark quotations
and entities, and build the TEI tree. ``encode_bytes`` is the whole stage as one function."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from lxml import etree

from ..document import Block, Document, HyphenDecision
from ..memory import collector_paused
from . import layout, notes, quotes, reading, source, tei
from .hyphenation import Vocabulary, lexicon
from .language import detect_language


@dataclass(slots=True)
class EncodeResult:
    tree: etree._ElementTree
    document: Document
    warnings: list[str] = field(default_factory=list)
    mentions: list = field(default_factory=list)  # entity mentions, for the report
    pages: str = ""  # what the page model found, in words, for the report

    @property
    def uncertain(self) -> list[HyphenDecision]:
        return [d for d in self.document.hyphenation if not d.certain]


def _parse_date_fn(language: str) -> Callable[[str], str | None] | None:
    """The title page's date reader, where there is a date grammar for the language."""
    from ..entities.dates import parse_date, supports

    if not supports(language):
        return None

    def parse(text: str) -> str | None:
        m = parse_date(text, language)
        return None if m is None else (m.when or m.from_)

    return parse


def _anchor(meta: dict[str, str], blocks: list[Block],
            parse_date: Callable[[str], str | None] | None) -> tuple[date | None, str | None]:
    """The document's own date, against which a date without a year is read, and the line
    that gives it: the title page's date line, else a letter's closing date line (a block
    of one line among the last four that is a full date, its place before it or not)."""
    if len(meta.get("date", "")) == 10:
        return date.fromisoformat(meta["date"]), meta.get("date_text", meta["date"])
    if parse_date is None:
        return None, None
    for block in reversed(blocks[-4:]):
        text = " ".join(block.text.split())
        if block.kind != "p" or not text or len(text) > 80:
            continue
        found = parse_date(text) or layout._place_and_date(text, parse_date)
        if found is not None and len(found) == 10:
            try:
                return date.fromisoformat(found), text
            except ValueError:
                continue
    return None, None


def _decisions(doc: Document, lay: layout.Layout, src: source.SourceText,
               interpretation: str | None) -> dict[str, str]:
    hy = doc.hyphenation
    joined = sum(1 for d in hy if d.joined)
    unsure = sum(1 for d in hy if not d.certain)
    return {
        "hyphenation": (
            f"Line-end hyphens were resolved in the reading text ({len(hy)} line ends: "
            f"{joined} broken words joined, {len(hy) - joined} hyphens kept as part of the "
            f"word; {unsure} decisions uncertain). Evidence, strongest first: a soft hyphen; "
            "the form the text itself uses elsewhere; an acronym, number or capital at the "
            "hyphen; the language's lexicon (hunspell word list, wordfreq) with a compound "
            "analysis; otherwise the word is joined and the decision marked uncertain. Each "
            "source line end is kept as lb; lb break=\"no\" rend=\"hyphen\" where a hyphen was "
            "removed, lb break=\"no\" where the hyphen belongs to the word, so the diplomatic "
            "text can be restored."),
        "normalization": (
            f"Decoded as {src.encoding}. " + ("; ".join(src.normalisations + src.warnings)
                                              or "No characters were changed")
            + ". Leading and trailing spaces of lines, which carry layout only, were removed."),
        "quotation": (
            "Quotation marks were removed from the text and are rendered from the markup: "
            "q for quoted speech or writing, soCalled for a quoted expression of at most "
            f"{quotes.MAX_SOCALLED_WORDS} words without punctuation. Marks without a partner "
            "in the same paragraph remain in the text."),
        "segmentation": (
            f"Paragraphs follow the source ({lay.paragraph_signal}); headings are short "
            "lines standing alone before a paragraph. Runs of lines that open with a bullet "
            "or a running number or letter (1), a.) are list items, the mark kept in "
            "item/@n; blocks set in further than the running text that open with a "
            "quotation mark or follow a colon are block quotations (quote). "
            + (f"Pages: {lay.pages}, recognised by {lay.page_signal}, encoded as pb where "
               "each page begins (also inside a paragraph); running heads as fw."
               if lay.pages else "The source shows no page breaks.")),
        **({"interpretation": interpretation} if interpretation else {}),
    }


def encode_bytes(data: bytes, name: str = "input.txt", *, register=None,  # noqa: ANN001
                 entities: bool = True,
                 max_bytes: int | None = source.MAX_TEXT_BYTES,
                 timings: dict[str, float] | None = None) -> EncodeResult:
    """Encode one plain-text source as TEI; raise ``InputError`` for input that is not text.

    ``timings``, where given, receives the seconds each stage took (for the benchmark).
    """
    with collector_paused():
        return _encode(data, name, register, entities, max_bytes, timings)


class _Clock:
    """Seconds per stage into ``timings`` (nothing where there is none)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        if self.timings is not None:
            now = time.perf_counter()
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
            self.last = now


def _encode(data: bytes, name: str, register, entities: bool,  # noqa: ANN001
            max_bytes: int | None, timings: dict[str, float] | None = None) -> EncodeResult:
    lap = _Clock(timings)
    src = source.decode(data, name, max_bytes)
    lap("decode")
    language = detect_language(src.text)
    lap("language")
    lay, meta = layout.analyse(src.text, _parse_date_fn(language))
    lap("layout")
    vocab = Vocabulary(src.text)
    lex = lexicon(language)
    blocks: list[Block] = []
    decisions: list[HyphenDecision] = []
    warnings = list(src.warnings)
    for raw in lay.blocks:
        block, ds = reading.assemble(raw, vocab, lex)
        decisions.extend(ds)
        blocks.append(block)
    lap("reading text and hyphens (with the vocabulary)")
    for block in blocks:
        warnings.extend(quotes.mark_quotations(block))
    lap("quotations")
    # titles in the header are read from the reading text (hyphens resolved, no line breaks)
    for kind, key in (("docAuthor", "author"), ("titlePart", "title"), ("subtitle", "subtitle")):
        first = next((b for b in blocks if b.kind == kind), None)
        if first is not None:
            meta[key] = first.text
    doc = Document(blocks=blocks, encoding=src.encoding, sha256=src.sha256, language=language,
                   source_name=name, hyphenation=decisions, warnings=warnings, metadata=meta)
    mentions: list = []
    interpretation = None
    if entities:
        from ..entities import annotate, interpretation_note

        anchor, anchor_line = _anchor(meta, blocks, _parse_date_fn(language))
        mentions = annotate(blocks, language=language, anchor=anchor, register=register)
        from ..entities.dates import LANGUAGES, supports

        if not supports(language):
            warnings.append(f"no date grammar for the language '{language}' (there are for "
                            f"{', '.join(LANGUAGES)}): dates are not marked")
        interpretation = interpretation_note(anchor, anchor_line)
        lap("entities")
    doc.blocks = notes.attach(blocks)  # after names and dates: each note was read on its own
    lap("notes")
    tree = tei.build(doc, _decisions(doc, lay, src, interpretation))
    page_signal = (f"{lay.page_signal}; paragraphs by {lay.paragraph_signal}" if lay.pages
                   else f"no page furniture found; paragraphs by {lay.paragraph_signal}")
    lap("TEI tree")
    del lay, vocab, src  # freed here, so that the time it takes is counted
    lap("freeing")
    return EncodeResult(tree=tree, document=doc, warnings=warnings, mentions=mentions,
                        pages=page_signal)
