"""Which language is the text in?  Detected (py3langid), never assumed."""

from __future__ import annotations

SAMPLE_CHARS = 20_000


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's main language (from its first 20,000 characters).

    ``und`` (undetermined, ISO 639-2) where the text holds too few letters to tell.
    """
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return "und"
    import py3langid  # loads its model on first use (~0.5 s), so only when needed

    lang, _score = py3langid.classify(sample)
    return lang
