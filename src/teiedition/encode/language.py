"""Which language is the text in?  Detected (py3langid), never assumed."""

from __future__ import annotations

from collections.abc import Sequence

SAMPLE_CHARS = 20_000
#: codes that py3langid writes otherwise (Norwegian Bokmål is its "no")
_LANGID = {"nb": "no"}


def detect_language(text: str, languages: Sequence[str] = ()) -> str:
    """ISO 639-1 code of the text's main language (from its first 20,000 characters).

    ``languages``: the edition's languages (its config): the most likely of them is taken,
    so that a short text is not read as a language the edition has none of. ``und``
    (undetermined, ISO 639-2) where the text holds too few letters to tell.
    """
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return "und"
    import py3langid  # loads its model on first use (~0.5 s), so only when needed

    if languages:
        wanted = {_LANGID.get(c, c) for c in (x.split("-")[0].lower() for x in languages)}
        ranked = [lang for lang, _score in py3langid.rank(sample) if lang in wanted]
        if ranked:
            return ranked[0]
    lang, _score = py3langid.classify(sample)
    return lang
