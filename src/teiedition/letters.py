"""Capital and small letters of every alphabet as regular-expression classes.

Python's ``re`` has no ``\\p{Lu}``; a rule that needs "a capital" wrote its own list
(``[A-ZÅÄÖ]``: the Swedish alphabet only, so ``ÜBB``, ``ČSSR`` or ``СССР`` were not
acronyms). These classes hold every capital and small letter of the Latin, Greek and
Cyrillic blocks (to U+052F), escaped for use inside ``[…]``.
"""

from __future__ import annotations

import re

_CHARS = [chr(c) for c in range(0x41, 0x530)]

#: every capital letter (Latin, Greek, Cyrillic), for use inside a character class
UPPER = "".join(re.escape(c) for c in _CHARS if c.isupper())
#: every small letter (Latin, Greek, Cyrillic), for use inside a character class
LOWER = "".join(re.escape(c) for c in _CHARS if c.islower())
