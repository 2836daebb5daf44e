"""The size limits of every stage, in one place, each chosen from a measurement.

Each limit keeps one command on one input under 500 MB of memory (issue 8);
``benchmarks/memory.py`` runs every command on an input at its limit and prints the peak.
An input over a limit is refused before it is parsed, with a message that names the limit.
"""

from __future__ import annotations

MB = 1024 * 1024

#: Plain text to encode (bytes). Encoding streams (``encode.chunks``): it holds one chunk of
#: 2 M characters at a time (~250 MB peak structure-only at any size: 243 MB at 25 MB of
#: text, 249 MB at 100 MB; with entities ~330 MB of models and lexicons besides). What
#: still grows with the text is its vocabulary (the set of its word forms, for line-end
#: hyphens) and the names found; 512 MB is far above any book (the longest ELTeC novel has
#: 0.9 MB) and keeps those sets bounded.
MAX_TEXT_BYTES = 512 * MB

#: Any XML input (bytes): parsed with lxml and validated (project schema + Schematron)
#: at ~7.5 MB of memory per MB of XML.
MAX_XML_BYTES = 50 * MB

#: One TEI text published as HTML (bytes of XML): Saxon holds the text and its page at
#: ~30 MB of memory per MB of TEI (with the search index).
MAX_HTML_BYTES = 8 * MB

#: One TEI text typeset as PDF (characters of text). Typst holds a document's whole layout
#: (~420 MB per million characters), so a text over 950,000 characters is typeset in parts
#: of ~200,000 and joined (publish/parts.py): memory no longer grows with the text. What
#: remains whole is the XSLT step (Saxon holds the TEI and the Typst source) and the join;
#: the ceiling is far above books (a 1,000-page novel has ~2.5 million characters).
MAX_PDF_CHARS = 8_000_000
