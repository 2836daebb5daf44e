"""Is a capitalised word a name, or a common word of the text's language?

The recogniser was trained on Swedish, where only names are capitalised inside a sentence.
Other languages capitalise more: German every noun, French and English every sentence's
first word, German its polite ``Sie``, English ``I``. Which capitalised words are common
words is read from the language (wordfreq's word frequencies) and from the text itself: the
same word written in lower case elsewhere, a word capitalised only where a sentence begins,
a word that follows an article or a possessive (``der Großvater``, ``the Time Traveller``,
``les Anglais``). Name evidence outweighs the weaker of these: a place the gazetteer knows, a
given name, a title before it (``Mr.``, ``Frau``). Nothing here lists the words of any text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import names as N

__all__ = ["DETERMINERS", "SENTENCE_START", "TITLES", "Usage", "count_usage", "common_word",
           "common_phrase", "zipf"]

#: Articles, possessives, demonstratives and article contractions: a capitalised word after
#: one of these is a noun, not a name (general grammar of each language, lower-cased).
DETERMINERS: dict[str, frozenset[str]] = {lang: frozenset(N.words(ws)) for lang, ws in {
    "en": "the a an this that these those my his her its our your their",
    "de": """der die das den dem des ein eine einen einem einer eines kein keine keinen
             keinem keiner mein meine meinen meinem meiner dein deine deinen deinem deiner
             sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer unser unsere unseren
             unserem euer eure dieser diese dieses diesen diesem jener jene jenes jeder jede
             jedes jeden jedem im am zum zur vom beim ins ans""",
    "lb": "den d' dem der déi dat e eng engem enger",
    "fr": """le la les l un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa
             ses notre nos votre vos leur leurs""",
    "es": "el la los las un una unos unas mi mis tu tus su sus este esta estos estas al del",
    "it": """il lo la i gli le l un uno una del dello della dei degli delle al allo alla ai
             agli alle nel nella nei mio mia miei mie tuo tua suo sua questo questa""",
    "pt": "o a os as um uma uns umas do da dos das no na nos nas meu minha seu sua este esta",
    "nl": "de het een dit dat deze die mijn zijn haar ons onze hun uw",
}.items()}
#: Titles and forms of address before a name (``names.TITLES`` without its articles).
TITLES = frozenset(t.rstrip(".") for t in N.TITLES if t not in N.ARTICLES) | frozenset(
    N.words("m mm herr mme mlle monsieur dr st sankt saint san santa"))

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "l’Anglais": two words
#: Where a sentence (or a quotation, a parenthesis, a clause after a colon or semicolon, an
#: item after a dash) begins: a capital there says nothing of a name. The one definition,
#: for the usage counts here and for markup's sentence-initial words.
SENTENCE_START = re.compile(r"(?:^|[.!?…:;][\"”’»)]*\s+|[\"“”«»(–—-]\s*)(?=[^\W_])")


@dataclass(slots=True)
class Usage:
    """How a text writes its words: counts per form (capitalised forms as written)."""

    lower: Counter[str] = field(default_factory=Counter)  # in lower case
    mid: Counter[str] = field(default_factory=Counter)  # capitalised inside a sentence
    initial: Counter[str] = field(default_factory=Counter)  # capitalised at a sentence start
    determined: Counter[str] = field(default_factory=Counter)  # after an article, possessive
    titled: Counter[str] = field(default_factory=Counter)  # after a title (Mr., Frau)

    def capitalised(self, word: str) -> int:
        return self.mid[word] + self.initial[word]


def count_usage(texts: Iterable[str], language: str) -> Usage:
    """Count, in one pass over ``texts``, how each word is written (see ``Usage``)."""
    dets = DETERMINERS.get(language, frozenset())
    u = Usage()
    for text in texts:
        starts = {m.end() for m in SENTENCE_START.finditer(text)}
        prev = ""
        prev_end = -10
        for m in _WORD.finditer(text):
            w, a = m.group(), m.start()
            if w[0].islower():
                u.lower[w] += 1
            elif not w.isupper() or len(w) == 1:
                gap = text[prev_end:a]
                after_title = prev.lower() in TITLES and prev[:1].isupper() and \
                    gap.strip() in ("", ".") and len(gap) <= 3
                if a in starts and not after_title:  # "Mr. Bull" opens no sentence
                    u.initial[w] += 1
                else:
                    u.mid[w] += 1
                if after_title:
                    u.titled[w] += 1
                elif prev.lower() in dets and (gap.isspace() or gap in ("’", "'")):
                    u.determined[w] += 1
            prev, prev_end = w, m.end()
    return u


def zipf(word: str, language: str) -> float:
    """wordfreq's frequency of ``word`` in ``language``; 0 for a language it has no list for
    (the rules that need it then do not apply)."""
    try:
        return N.zipf(word, language)
    except (LookupError, ValueError):
        return 0.0


def common_word(word: str, usage: Usage, language: str, *, noun_capitals: bool,
                is_name: Callable[[str], bool]) -> str | None:
    """Why the capitalised ``word`` is a common word of ``language`` in this text (None: it
    may be a name). ``is_name``: outside evidence (register, gazetteer, given names) that
    outweighs the weaker reasons; ``noun_capitals``: the language capitalises its nouns."""
    if len(word) < 2:
        return None
    low = word.lower()
    if word.isupper():  # "BEFORE one of the fresh faces": a chapter's first word in capitals
        return "in capitals, and in lower case in the text" if usage.lower[low] and not \
            is_name(word.capitalize()) else None
    lower, mid = usage.lower[low], usage.mid[word]
    titled = usage.titled[word]
    # written in lower case at least as often as capitalised inside a sentence ("Mais", "aus")
    if lower and lower >= mid and titled * 2 < mid + 1:
        return "lower case in the text"
    z = zipf(low, language)
    total = usage.capitalised(word)
    if titled * 3 >= total:  # "Mr. Bull", "Fräulein Rottenmeier": a name, whatever it means
        return None
    named = is_name(word)
    determined = usage.determined[word]
    # German writes every noun capitalised and many with an article, names too sometimes
    # ("der Peter"): there a fifth of a word's uses after one, here a third
    share = 5 if noun_capitals else 3
    # the commonest words ("Zeit", "Sie", "One"); a place so named must stand without one
    if z >= 5.5 and (not named or determined * 5 >= total):
        return "frequent word"
    if determined * share >= total and z >= 3.0 and not named:
        return "after an article"  # "der Großvater", "the Marquis", "les Anglais"
    # capitalised (almost) only where a sentence begins, and a word of the language
    if (mid == 0 and z >= 3.0 or mid * 4 <= usage.initial[word] and z >= 4.0) and not named:
        return "at sentence starts"  # "Voyons", "Oh"
    if noun_capitals and z >= 3.3 and not named:  # German nouns: "Fenster", "Lehm"
        return "a noun of the language"
    return None


def common_phrase(words: list[str], determined: int, total: int, language: str,
                  is_name: Callable[[str], bool]) -> bool:
    """A name of several capitalised words that are all words of ``language`` and that
    mostly follows an article (``the Time Traveller``, ``the Very Young Man``)."""
    if total == 0 or determined * 3 < total:
        return False
    return all(zipf(w.lower(), language) >= 3.0 and not is_name(w) for w in words)
