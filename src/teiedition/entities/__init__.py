"""Names and dates in the reading text: recognise, delimit, link to the register, mark up.

The package follows the data: ``tokens`` and ``features`` read the text for the statistical
recogniser (``model``), ``gazetteer`` knows places, ``names`` holds the rules for a name's
extent, ``dates`` the date grammars, ``register`` the edition's register; ``markup`` puts the
evidence together for a document (``annotate``) and ``review`` lists what was marked.
"""

from __future__ import annotations

from .markup import JOURNAL_CUES, TAGS, annotate, interpretation_note
from .register import Entry, Mention, Register, empty_register, load_register, write_register
from .review import ReviewRow, format_review, review

__all__ = ["annotate", "Mention", "Register", "Entry", "load_register", "write_register",
           "empty_register", "review", "format_review", "ReviewRow", "interpretation_note",
           "TAGS", "JOURNAL_CUES"]
