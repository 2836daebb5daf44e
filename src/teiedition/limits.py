"""The size limits of every stage, in one place, each chosen from a measurement.

Each limit keeps one command on one input under 500 MB of memory (issue 8);
``benchmarks/memory.py`` runs every command on an input at its limit and prints the peak.
An input over a limit is refused before it is parsed, with a message that names the limit.
"""

from __future__ import annotations

MB = 1024 * 1024

#: Plain text to encode (bytes). Encoding streams (``encode.chunks``): it holds one chunk of
#: 2 M characters at a time (~250 MB peak structure-only at any size: 243 MB at 25 MB of
#: text, 249 MB at 100 MB of one novel repeated; with entities ~330 MB of models and
#: lexicons besides). What grows with the text is its vocabulary (below, bounded) and the
#: names found (not measured at the ceiling). The ceiling is not memory's but time's and a
#: file's: 512 MB is some 600 novels in one file (the longest ELTeC novel has 0.9 MB),
#: encoded structure-only in about two minutes (4.5 MB/s idle); collected works or a
#: newspaper's year are split into files by volume.
MAX_TEXT_BYTES = 512 * MB

#: Word forms the vocabulary of a text keeps (``hyphenation.Vocabulary``: does the text
#: write this form elsewhere?), ~110 bytes each with the sorted list of them: ~110 MB at
#: most. Measured (``benchmarks/memory.py`` prints it): the paragraphs of the 13 ELTeC
#: novels mixed (4 M characters, six languages) grow as V = 6.0 n^0.61 (Heaps' law): 64,000
#: forms, ~0.48 M at 100 MB, ~0.94 M at 300 MB of clean text; OCR-like text with 1 % of its
#: letters misread adds ~3,900 new forms a MB (the bound at ~250 MB; 100 MB of it encode
#: with a peak of 304 MB, against 242 MB for 100 MB of one novel repeated). A book has
#: under 100,000 forms, so no book's encoding changes.
MAX_VOCABULARY_FORMS = 1_000_000

#: Any XML input parsed whole (bytes): parsed with lxml and validated (project schema +
#: Schematron) at ~7.5 MB of memory per MB of XML (363 MB at 49 MB). Validation does not
#: stop here: a larger TEI is validated in parts (``MAX_VALIDATE_BYTES``).
MAX_XML_BYTES = 50 * MB

#: A TEI file to validate (bytes), ``validate`` and ``build``. Over ``MAX_XML_BYTES`` it is
#: read as a stream and validated in parts of ~4 MB (``validate_parts``), so memory does
#: not grow with the file: peak 71-72 MB at 60, 120 and 240 MB of TEI, time in proportion
#: (4.0× the TEI in 3.7× the time, 5.2-5.6 MB/s at load 7.6). The ceiling is time's, not
#: memory's: 2 GB (a 512 MB text, ``MAX_TEXT_BYTES``, makes about 600 MB of TEI, more with
#: names) is some six minutes at that speed.
MAX_VALIDATE_BYTES = 2048 * MB

#: One TEI text published as HTML (bytes of XML): Saxon holds the text and its page at
#: ~30 MB of memory per MB of TEI (with the search index).
MAX_HTML_BYTES = 8 * MB

#: One TEI text typeset as PDF (characters of text). Typst holds a document's whole layout
#: (~420 MB per million characters), so a text over 950,000 characters is typeset in parts
#: of ~200,000 and joined (publish/parts.py): memory no longer grows with the text. What
#: remains whole is the XSLT step (Saxon holds the TEI and the Typst source) and the join;
#: the ceiling is far above books (a 1,000-page novel has ~2.5 million characters).
MAX_PDF_CHARS = 8_000_000
