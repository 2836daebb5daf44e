"""Line-end hyphens: was the word broken by the typesetter, or does the hyphen belong to it?

Each decision rests on evidence, strongest first: a soft hyphen; the document's own usage of
the joined or the hyphenated form elsewhere; acronyms, numbers and capitals after the hyphen
(Swedish `GPU-organ`, `1930-talet`); a lexicon of the text's language (the hunspell-sv word
list and wordfreq's frequency lists, with a compound analysis for languages that write
compounds closed); and last a default of joining, marked uncertain. Every decision is
returned with its reason, so the editor can review the uncertain ones.
"""

from __future__ import annotations

import bisect
import re
import sys
from functools import cache
from pathlib import Path

from ..document import HyphenDecision
from ..letters import LOWER, UPPER
from ..limits import MAX_VOCABULARY_FORMS

#: Characters that end a line on a broken word: the hyphen, the Unicode hyphen, and the
#: marks of Fraktur prints and their OCR (¬, ⸗ and =).
HYPHENS = ("-", "\u2010", "\u00ac", "\u2e17", "=")
_EDGE_PUNCT = "\"'”“„»«‘’()[]{}.,;:!?…*–—-/\u2010\u00ad\u00ac\u2e17="
_LINE_END_HYPHEN = re.compile(r"^(\S*?)([\w’']+)[-\u2010\u00ac\u2e17=]$")
_FIRST_WORD = re.compile(r"^([\w’'][\w’'-]*)")
_CLOSING_PUNCT = re.compile(r"^[?!.,;:”»)\]…]")
_WORD_PART = re.compile(r"[-’':]")  # where the first part of a hyphenated word ends
#: Conjunctions after a hyphen mark a suspended compound (`figur- eller kyrkmålare`).
CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "and", "or", "nor", "und",
                          "oder", "sowie", "bzw", "og"})
#: An acronym (in any alphabet: ``ASEA``, ``ČKD``, ``СССР``, ``TV:n``) or a number.
_ACRONYM = re.compile(rf"^\d+$|^[{UPPER}]{{2,}}:?[{LOWER}]*$")
CLOSED_COMPOUND_LANGS = frozenset({"sv", "de", "da", "nb", "nn", "no", "nl", "is", "fi"})


class Lexicon:
    """Does a word exist in the language?  hunspell-sv stems plus wordfreq frequencies."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._stems = _hunspell_stems(language)
        # answers kept for the process (one lexicon per language): a compound analysis asks
        # for the same heads and tails again and again, and so does the next document
        self._zipf: dict[str, float] = {}

    def zipf(self, word: str) -> float:
        z = self._zipf.get(word)
        if z is None:
            try:
                from wordfreq import zipf_frequency

                z = zipf_frequency(word, self.language)
            except (LookupError, ValueError):
                z = 0.0
            if len(self._zipf) < _CACHE_MAX:
                self._zipf[word] = z
        return z

    def known(self, word: str) -> bool:
        w = word.lower()
        return w in self._stems or self.zipf(w) >= 1.0

    def compound(self, word: str) -> bool:
        """True where ``word`` splits into two known words (with a Swedish linking -s-)."""
        if self.language not in CLOSED_COMPOUND_LANGS:
            return False
        w = word.lower()
        for i in range(3, len(w) - 2):
            head, tail = w[:i], w[i:]
            if self.known(tail) and (self.known(head) or
                                     (head.endswith("s") and self.known(head[:-1]))):
                return True
        return False


@cache
def _hunspell_stems(language: str) -> frozenset[str]:
    if language != "sv":
        return frozenset()
    for base in (Path(sys.prefix), Path(sys.base_prefix), Path("/usr")):
        dic = base / "share" / "hunspell" / "sv_SE.dic"
        if dic.is_file():
            with dic.open(encoding="utf-8", errors="replace") as fh:
                next(fh, None)  # the first line holds the entry count
                return frozenset(line.split("/", 1)[0].strip().lower() for line in fh)
    return frozenset()


@cache
def lexicon(language: str) -> Lexicon:
    return Lexicon(language)


_CACHE_MAX = 200_000  # words whose frequency a lexicon keeps (a bound on its memory)
_SLICE = 16384  # characters of text split at a time (see ``Vocabulary``)
_SEEN_MAX = 200_000  # raw tokens a streaming vocabulary remembers having read (see ``add``)


class Vocabulary:
    """The document's own word forms, for 'does the text write this elsewhere?'.

    Built from the whole text, when the first line-end hyphen asks (a text without one never
    pays for it): the fragments of a broken word ("sken", "rättegångar") are in it too, but
    they never equal a joined or hyphenated form. It holds at most ``MAX_VOCABULARY_FORMS``
    (``limits``: far more than a book or a shelf of them has), so that its memory is bounded
    whatever the text's size and noise; past that, ``full`` says so and the later new forms
    are no evidence (the lexicon still is).
    """

    def __init__(self, text: str = "") -> None:
        self._text: str | None = text or None
        self._forms: set[str] = set()
        self._sorted: list[str] | None = None
        self._seen: set[bytes] = set()  # raw tokens of the pieces added so far (bounded)
        self.full = False  # MAX_VOCABULARY_FORMS reached: later new forms were not kept

    def add(self, text: str) -> None:
        """Add the forms of a piece of the text (cut at a line end): a streaming first pass
        builds the vocabulary of a text of any size this way, equal to one built whole.

        The raw tokens already read in earlier pieces are not lower-cased and trimmed again
        (most of a piece's words were: the costly step is per distinct token); the set of
        them is emptied when it reaches ``_SEEN_MAX``, so memory stays bounded."""
        if self._text is not None:
            self._build(self._text)
            self._text = None
        self._build(text, self._seen)
        if len(self._seen) > _SEEN_MAX:
            self._seen = set()
        self._sorted = None

    def _build(self, text: str, seen: set[bytes] | None = None) -> None:
        # split on white space (fast, in C) a slice of lines at a time, so that the repeated
        # words are freed while they are still in the CPU's cache (one split of the whole
        # text makes millions of strings first: three times slower); then lower-case and trim
        # punctuation once per distinct token (no white space is made or lost by lower()).
        # The split runs on the text's UTF-8 (bytes split a tenth faster than str, measured
        # on the 9 MB benchmark text): at ASCII white space only, which no multi-byte
        # character holds, so each distinct token, decoded and split again as str (at the
        # other white space: no-break and ideographic spaces), gives exactly str's tokens.
        data = text.encode("utf-8", "surrogatepass")
        tokens: set[bytes] = set()
        add = tokens.update
        i, n = 0, len(data)
        while i < n:
            j = data.find(b"\n", i + _SLICE)
            j = n if j < 0 else j
            add(data[i:j].split())
            i = j
        del data
        if seen is not None:
            tokens -= seen
            seen |= tokens
        forms = {t.strip(_EDGE_PUNCT) for t in
                 b"\n".join(tokens).decode("utf-8", "surrogatepass").lower().split()}
        forms.discard("")
        forms -= self._forms
        room = MAX_VOCABULARY_FORMS - len(self._forms)
        if len(forms) > room:  # the bound reached: the first of the new forms in order
            # (sorted: the same forms whatever the hash seed), and no more after them
            forms = set(sorted(forms)[:max(0, room)])
            self.full = True
        self._forms |= forms

    def has(self, form: str, *, inflected: bool = True) -> bool:
        """Is ``form`` (or, with ``inflected``, a form that extends it by ≤ 3 letters) used?"""
        if self._text is not None:
            self._build(self._text)
            self._text = None
        f = form.lower()
        if f in self._forms:
            return True
        if not inflected:
            return False
        if self._sorted is None:
            self._sorted = sorted(self._forms)
        i = bisect.bisect_left(self._sorted, f)
        while i < len(self._sorted) and self._sorted[i].startswith(f):
            if len(self._sorted[i]) - len(f) <= 3:
                return True
            i += 1
        return False


def decide(line_no: int, line: str, next_line: str, vocab: Vocabulary, lex: Lexicon,
           *, soft: bool = False) -> HyphenDecision | None:
    """Read one line end; ``None`` where the line does not end in a word-breaking hyphen."""
    line = line.rstrip()
    if not line.endswith(HYPHENS):
        return None
    m = _LINE_END_HYPHEN.match(line[line.rfind(" ") + 1:])
    if m is None:
        return None
    if _CLOSING_PUNCT.match(next_line.lstrip()):
        return HyphenDecision(line_no, m.group(1) + m.group(2), next_line.lstrip()[:1], False,
                              True, "punctuation follows the hyphen: a dash")
    nxt = _FIRST_WORD.match(next_line.lstrip())
    if nxt is None:
        return None
    whole_before = m.group(1) + m.group(2)  # e.g. "GPU-Komintern"
    before = m.group(2)  # the last word part, e.g. "Komintern"
    after = nxt.group(1).rstrip("-")
    after_word = _WORD_PART.split(after, 1)[0] or after

    def result(joined: bool, certain: bool, reason: str) -> HyphenDecision:
        return HyphenDecision(line_no, whole_before, after, joined, certain, reason)

    if soft:
        return result(True, True, "soft hyphen in the source")
    joined_form = before + after_word
    hyph_form = f"{before}-{after_word}"
    has_joined = vocab.has(joined_form)
    has_hyph = vocab.has(hyph_form)
    if has_hyph and not has_joined:
        return result(False, True, f"the text writes '{hyph_form}' elsewhere")
    if has_joined and not has_hyph:
        return result(True, True, f"the text writes '{joined_form}' elsewhere")
    if _ACRONYM.match(before):
        return result(False, True, "an acronym or number before the hyphen")
    if after_word[:1].isupper():
        return result(False, True, "a capital letter after the hyphen")
    if whole_before != before and any(c.isupper() for c in whole_before):
        return result(False, False, "the word is already hyphenated before the line end")
    # languages that write compounds apart or hyphenated (French peut-être, vingt-cinq;
    # English well-known): the hyphenated form far more common than the joined one
    if lex.language not in CLOSED_COMPOUND_LANGS:
        hz, jz = lex.zipf(hyph_form.lower()), lex.zipf(joined_form.lower())
        if hz >= 3.0 and hz >= jz + 1.5:
            return result(False, True, f"'{hyph_form.lower()}' is far more common than "
                                       f"'{joined_form.lower()}'")
    if lex.known(joined_form):
        return result(True, True, f"'{joined_form.lower()}' is a word of the language")
    if after.lower() in CONJUNCTIONS:
        return HyphenDecision(line_no, whole_before, after, False, True,
                              "a conjunction follows: the hyphen ends a word part", space=True)
    if before[:1].isupper():
        # a name before the hyphen: join only where the rest is a common word of its own
        if lex.zipf(after_word.lower()) >= 3.0 and lex.compound(joined_form):
            return result(True, True, "a name compounded with a common word")
        return result(True, False, "a name broken at the line end, no evidence either way")
    if lex.compound(joined_form):
        return result(True, True, f"'{joined_form.lower()}' is a compound of known words")
    return result(True, False, "no evidence either way: joined as a broken word")
