"""Plain text → TEI: read the source, find its layout, resolve line ends, mark quotations
and entities, and write the TEI. ``encode`` is the whole stage for a text of any size, a
chunk at a time; ``encode_bytes`` is the same for a text in memory, with the TEI as a tree."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from operator import attrgetter

from lxml import etree

from ..config import DEFAULT, Config
from ..document import Block, Document, HyphenDecision
from ..limits import MAX_VOCABULARY_FORMS
from ..memory import collector_paused
from . import chunks, layout, notes, quotes, reading, source, tei
from .hyphenation import Vocabulary, lexicon
from .language import SAMPLE_CHARS, detect_language


@dataclass(slots=True)
class Counts:
    """What the encoder found, counted as the chunks pass (for the header and the report)."""

    pages: int = 0  # page starts the layout found (the header)
    pb: int = 0  # pb elements written (the report)
    paragraphs: int = 0
    hyphens: int = 0
    joined: int = 0
    mentions: int = 0
    chunks: int = 0
    uncertain: int = 0
    page_signals: dict[str, None] = field(default_factory=dict)  # in the order found
    unlabelled: list[str] = field(default_factory=list)  # page numbers left off their pb
    paragraph_signals: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class EncodeResult:
    """``tree``: the TEI (``encode_bytes``); the streaming encoder writes it instead, and
    ``head`` is then its start (declaration and header), to go before the written text.
    ``document.blocks`` and ``document.hyphenation`` hold every block and decision where
    they were kept, only the uncertain decisions where not (a text of any size)."""

    tree: etree._ElementTree | None
    document: Document
    warnings: list[str] = field(default_factory=list)
    mentions: list = field(default_factory=list)  # entity mentions, for the register
    counts: Counts = field(default_factory=Counts)
    head: str = ""
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


def _decisions(counts: Counts, src: source.Reader, normalisations: list[str],
               warnings: list[str], interpretation: str | None) -> dict[str, str]:
    hy, joined = counts.hyphens, counts.joined
    unsure = counts.uncertain
    page_signal = _page_signal(counts)
    # the signal of most chunks (of the first, where as many have another)
    paragraph_signal = _paragraph_signal(counts)
    return {
        "hyphenation": (
            f"Line-end hyphens were resolved in the reading text ({hy} line ends: "
            f"{joined} broken words joined, {hy - joined} hyphens kept as part of the "
            f"word; {unsure} decisions uncertain). Evidence, strongest first: a soft hyphen; "
            "the form the text itself uses elsewhere; an acronym, number or capital at the "
            "hyphen; the language's lexicon (hunspell word list, wordfreq) with a compound "
            "analysis; otherwise the word is joined and the decision marked uncertain. Each "
            "source line end is kept as lb; lb break=\"no\" rend=\"hyphen\" where a hyphen was "
            "removed, lb break=\"no\" where the hyphen belongs to the word, so the diplomatic "
            "text can be restored."),
        "normalization": (
            f"Decoded as {src.encoding}. " + ("; ".join(normalisations + warnings)
                                              or "No characters were changed")
            + ". Leading and trailing spaces of lines, which carry layout only, were removed."),
        "quotation": (
            "Quotation marks were removed from the text and are rendered from the markup: "
            "q for quoted speech or writing, soCalled for a quoted expression of at most "
            f"{quotes.MAX_SOCALLED_WORDS} words without punctuation. Marks without a partner "
            "in the same paragraph remain in the text."),
        "segmentation": (
            f"Paragraphs follow the source ({paragraph_signal}); headings are short "
            "lines standing alone before a paragraph. Runs of lines that open with a bullet "
            "or a running number or letter (1), a.) are list items, the mark kept in "
            "item/@n; blocks set in further than the running text that open with a "
            "quotation mark or follow a colon are block quotations (quote). "
            + (f"Pages: {counts.pages}, recognised by {page_signal}, encoded as pb where "
               "each page begins (also inside a paragraph); running heads as fw."
               if counts.pages else "The source shows no page breaks.")),
        **({"interpretation": interpretation} if interpretation else {}),
    }


def _anchor(meta: dict[str, str], tail: str,
            parse_date: Callable[[str], str | None] | None) -> tuple[date | None, str | None]:
    """The document's own date, against which a date without a year is read, and the line
    that gives it: the title page's date line, else a letter's closing date line (a line
    among the last four of the text, ``tail``, that is a full date, its place before it or
    not: ``Lyon, ce 3 janvier 1912``). The tail is read in the first pass, so a text read in
    chunks has its closing date before its first chunk's dates are read."""
    if len(meta.get("date", "")) == 10:
        return date.fromisoformat(meta["date"]), meta.get("date_text", meta["date"])
    if parse_date is None:
        return None, None
    lines = [" ".join(ln.split()) for ln in tail.splitlines() if ln.strip()]
    for text in reversed(lines[-4:]):
        if len(text) > 80:
            continue
        found = parse_date(text) or layout._place_and_date(text, parse_date)
        if found is not None and len(found) == 10:
            try:
                return date.fromisoformat(found), text
            except ValueError:
                continue
    return None, None


#: ", 212 pages" at the end of the page model's words (a chunk's count, not the text's)
_PAGE_COUNT = re.compile(r", \d+ pages$")


def _page_signal(counts: Counts) -> str:
    """The page model's words: a chunk's, or each different one of several chunks', with the
    text's page count."""
    if counts.chunks <= 1 or not counts.page_signals:
        return next(iter(counts.page_signals), "none")
    words = [_PAGE_COUNT.sub("", s) for s in counts.page_signals]
    counted = any(_PAGE_COUNT.search(s) for s in counts.page_signals)
    return "; ".join(dict.fromkeys(words)) + (f", {counts.pages} pages" if counted else "")


def _paragraph_signal(counts: Counts) -> str:
    """The paragraph signal of most chunks (of the first, where as many have another)."""
    return counts.paragraph_signals.most_common(1)[0][0] if counts.paragraph_signals \
        else "blank lines"


def _unlabelled(numbers: list[str]) -> str:
    """The report's words for the page numbers a pb lost for not increasing (``tei``)."""
    if not numbers:
        return ""
    shown = ", ".join(numbers[:5]) + (", …" if len(numbers) > 5 else "")
    return (f"; {len(numbers)} page number{'s' if len(numbers) > 1 else ''} not kept on "
            f"{'their' if len(numbers) > 1 else 'its'} pb for not increasing on the page "
            f"before ({shown})")


def _pages(counts: Counts) -> str:
    """What the page model found, in words, for the report."""
    if counts.pages:
        return (f"{_page_signal(counts)}{_unlabelled(counts.unlabelled)}; "
                f"paragraphs by {_paragraph_signal(counts)}")
    margin = "; line numbers in the margin" if any(
        "margin" in s for s in counts.page_signals) else ""
    return f"no page furniture found{margin}; paragraphs by {_paragraph_signal(counts)}"


def encode_bytes(data: bytes, name: str = "input.txt", *, register=None,  # noqa: ANN001
                 entities: bool = True, config: Config = DEFAULT,
                 max_bytes: int | None = source.MAX_TEXT_BYTES,
                 timings: dict[str, float] | None = None,
                 chunk_chars: int = chunks.CHUNK_CHARS) -> EncodeResult:
    """Encode one plain-text source as TEI (a tree, with every block kept); raise
    ``InputError`` for input that is not text. The streaming encoder (``encode``) with the
    text in memory and the XML parsed: one engine for texts of any size.

    ``timings``, where given, receives the seconds each stage took (for the benchmark);
    ``config``, the edition config, fills the header and names the texts' languages.
    """
    body: list[str] = []
    result = encode(source.reader(data, name, max_bytes), body.append, register=register,
                    entities=entities, timings=timings, keep=True, chunk_chars=chunk_chars,
                    config=config)
    lap = _Clock(timings)
    result.tree = tei.parse([result.head, *body, tei.END])
    lap("TEI tree")
    return result


def encode(src: source.Reader, write: Callable[[str], object], *, register=None,  # noqa: ANN001
           entities: bool = True, timings: dict[str, float] | None = None,
           keep: bool = False, chunk_chars: int = chunks.CHUNK_CHARS,
           config: Config = DEFAULT) -> EncodeResult:
    """Encode a text of any size in bounded memory: ``write`` receives the TEI's ``text``
    element piece by piece, and the result's ``head`` (declaration and header, which sum
    up the whole text) goes before it, ``tei.END`` after.

    Two passes over the source. The first checks it and gathers the document-level
    evidence: the vocabulary of the text's own word forms (for line-end hyphens: the whole
    text, as a set of forms), the language (from its first 20,000 characters). The second
    reads it a chunk at a time (``chunks``): the layout, the reading text and hyphens, the
    quotations, the entities and the notes of one chunk, then its blocks are written and
    freed. The page model (``pages.learn``) and the paragraph style are learnt from each
    chunk and its context (some 1,000 pages: evidence enough), not from the whole text. The
    title page comes from the first chunk, the date anchor from it or from the text's last
    lines (kept by the first pass: a letter's closing date line); names keep one register:
    ids come from the normalised name, and the full names of the persons of earlier chunks
    are evidence in later ones. A text of up to 1.25 ``chunks.CHUNK_CHARS`` is one chunk,
    read once and encoded as it always was.

    ``keep``: keep every block and hyphen decision in the result (``encode_bytes``).
    ``config``: the edition config (header, languages). With entities, ``write`` receives
    after the ``text`` the register entries its names point to (``standOff``), so that the
    document stands alone.
    """
    with collector_paused():
        return _encode(src, write, register, entities, timings, keep, chunk_chars, config)


#: The clock of the stage timings (``timings``): wall time; ``benchmarks/encode.py --cpu``
#: sets ``time.process_time``, the figure to compare on a shared machine.
STAGE_CLOCK: Callable[[], float] = time.perf_counter


class _Clock:
    """Seconds per stage into ``timings`` (nothing where there is none)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = STAGE_CLOCK()

    def __call__(self, stage: str) -> None:
        if self.timings is not None:
            now = STAGE_CLOCK()
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
            self.last = now


_KIND, _TAG, _MILESTONES = attrgetter("kind"), attrgetter("tag"), attrgetter("milestones")

#: How much of a text's end the first pass keeps: its closing lines (a letter's date line).
TAIL_CHARS = 2_000


def _first_pass(src: source.Reader, whole_up_to: int,
                keep: bool) -> tuple[list[str] | None, Vocabulary, str, str]:
    """The text's pieces if it is short (read once) or ``keep`` holds the whole result in
    memory anyway (then the second pass need not decode it again), the vocabulary, the
    language sample and the text's last ``TAIL_CHARS`` characters."""
    held: list[str] = []
    size = 0
    long = False  # longer than whole_up_to: the vocabulary is built as the text is read
    vocab = Vocabulary()
    sample = ""
    tail = ""
    for piece in src.pieces():
        if len(sample) < SAMPLE_CHARS:
            sample += piece[:SAMPLE_CHARS - len(sample)]
        tail = (tail + piece[-TAIL_CHARS:])[-TAIL_CHARS:]
        size += len(piece)
        if not long and size > whole_up_to:
            long = True
            for p in held:
                vocab.add(p)
            if not keep:
                held = []
        if long:
            vocab.add(piece)
        if keep or not long:
            held.append(piece)
    if long:
        return (held if keep else None), vocab, sample, tail
    text = "".join(held)
    return [text], Vocabulary(text), sample, tail  # built when the first hyphen asks


def _encode(src: source.Reader, write: Callable[[str], object], register,  # noqa: ANN001
            entities: bool, timings: dict[str, float] | None, keep: bool,
            chunk_chars: int, config: Config = DEFAULT) -> EncodeResult:
    lap = _Clock(timings)
    held, vocab, sample, tail = _first_pass(src, int(chunk_chars * 1.25), keep)
    source_warnings, normalisations = src.check()
    warnings = list(source_warnings)
    lap("decode")
    language = detect_language(sample, config.languages)
    lap("language")
    lex = lexicon(language)
    parse_date = _parse_date_fn(language)
    meta: dict[str, str] = {}
    counts = Counts()
    kept_blocks: list[Block] = []
    decisions: list[HyphenDecision] = []
    mentions: list = []
    writer = tei.TextWriter(write, meta)
    forms: set[tuple[str, str, str]] = set()
    persons: dict[str, None] = {}  # full names of persons, for the chunks after theirs
    annotate = None
    anchor: date | None = None
    anchor_line: str | None = None
    if entities:
        from ..entities import annotate
    pieces = iter(held) if held is not None else src.pieces()
    del held  # (the iterator holds the pieces it has still to give)
    reader = chunks.Reader(pieces, parse_date, chunk_chars)
    for lay in reader:
        lap("layout")
        first = counts.chunks == 0
        counts.chunks += 1
        meta.update(lay.meta)
        counts.pages += lay.pages
        if lay.pages or lay.page_signal != "none":  # the page model's words per chunk
            counts.page_signals[lay.page_signal] = None
        counts.paragraph_signals[lay.paragraph_signal] += 1
        blocks: list[Block] = []
        for raw in lay.blocks:
            block, ds = reading.assemble(raw, vocab, lex)
            for d in ds:
                counts.hyphens += 1
                counts.joined += d.joined
                if keep or not d.certain:
                    decisions.append(d)
            blocks.append(block)
        lap("reading text and hyphens (with the vocabulary)")
        for block in blocks:
            warnings.extend(quotes.mark_quotations(block))
        lap("quotations")
        if first:  # titles in the header are read from the reading text (hyphens resolved)
            for kind, key in (("docAuthor", "author"), ("titlePart", "title"),
                              ("subtitle", "subtitle")):
                b = next((b for b in blocks if b.kind == kind), None)
                if b is not None:
                    meta[key] = b.text
        if annotate is not None:
            if first:  # the title page's date, else the text's closing date line
                anchor, anchor_line = _anchor(meta, tail, parse_date)
            found = annotate(blocks, language=language, anchor=anchor, register=register,
                             persons=persons)
            persons.update(dict.fromkeys(m.name for m in found
                                         if m.type == "PER" and " " in m.name))
            counts.mentions += len(found)
            if keep:
                mentions.extend(found)
            else:  # what can change the register: a first entity or form (the same update)
                for m in found:
                    if (key := (m.type, m.ref, m.text)) not in forms:
                        forms.add(key)
                        mentions.append(m)
            lap("entities")
        blocks = notes.attach(blocks)  # after names and dates: each note was read on its own
        counts.paragraphs += list(map(_KIND, blocks)).count("p")
        counts.pb += list(map(_TAG, chain.from_iterable(map(_MILESTONES, blocks)))).count("pb")
        lap("notes")
        writer.blocks(blocks)
        if keep:
            kept_blocks.extend(blocks)
        del blocks, lay
        lap("TEI text")
    writer.close()
    counts.unlabelled = writer.ms.unlabelled
    resps: list = []
    if mentions:  # the entries its names point to travel with it: the file stands alone
        from ..entities import Register, empty_register, load_register
        from ..entities.standoff import standoff_xml

        base = (register if isinstance(register, Register) else
                load_register(register) if register is not None else empty_register())
        xml, resps = standoff_xml({m.ref for m in mentions if m.ref},
                                  base.update(mentions).tree.getroot(), {tei.RESP_ID})
        if xml:
            write("\n  " + xml)
        lap("register entries")
    interpretation = None
    if entities:
        from ..entities import interpretation_note
        from ..entities.dates import LANGUAGES, supports

        if not supports(language):
            warnings.append(f"no date grammar for the language '{language}' (there are for "
                            f"{', '.join(LANGUAGES)}): dates are not marked")
        interpretation = interpretation_note(anchor, anchor_line)
    if vocab.full:
        warnings.append(f"the text has more than {MAX_VOCABULARY_FORMS:,} word forms: those "
                        "first seen after them were not evidence for line-end hyphens")
    counts.uncertain = sum(1 for d in decisions if not d.certain)
    doc = Document(blocks=kept_blocks, encoding=src.encoding, sha256=src.sha256,
                   language=language, source_name=src.name or "input.txt",
                   hyphenation=decisions, warnings=warnings, metadata=meta)
    head = tei.start(doc, _decisions(counts, src, normalisations, source_warnings,
                                          interpretation), config, resps)
    lap("TEI header")
    return EncodeResult(tree=None, document=doc, warnings=warnings, mentions=mentions,
                        counts=counts, head=head, pages=_pages(counts))
