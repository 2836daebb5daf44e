"""How the stages use the process's memory manager."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for a stage that makes many small objects without
    reference cycles (encoding a text, a text's search part): the collector's repeated
    passes over the growing heap cost a fifth of encoding's time and a seventh of the search
    part's (measured). Reference counting still frees everything as usual."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
