"""When each process of a PDF does what: the timeline that ``benchmarks/pdf.py --timeline``
prints, to see where a core waits.

Off (one environment look-up per event) unless TEIEDITION_TIMELINE names a file: then the
main process and its children (the XSLT child and the Typst children inherit the variable;
their scripts write the same lines without importing this module) append one line per
event: wall-clock time, process id, who (``part 3``, ``front``, ``xslt``) and what.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ENV = "TEIEDITION_TIMELINE"
_local = threading.local()


def who() -> str:
    """Whom this thread's events are for (``acting``); ``main`` by default."""
    return getattr(_local, "who", "main")


@contextlib.contextmanager
def acting(name: str) -> Iterator[None]:
    """This thread's events (and the Typst child it starts) are ``name``'s meanwhile."""
    before = who()
    _local.who = name
    try:
        yield
    finally:
        _local.who = before


def mark(what: str) -> None:
    """Note that ``what`` happens now (when a timeline is being written)."""
    path = os.environ.get(ENV)
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"{time.time():.4f}\t{os.getpid()}\t{who()}\t{what}\n")


Event = tuple[float, int, str, str]


def read(path: str | Path) -> list[Event]:
    """The events of a timeline file, in time order."""
    events = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        t, pid, name, what = line.split("\t", 3)
        events.append((float(t), int(pid), name, what))
    return sorted(events)


def table(events: list[Event], origin: float) -> list[str]:
    """The events as lines: seconds since ``origin``, process (main, or the n-th child in
    order of its first event), who, what."""
    order: dict[int, str] = {}
    lines = []
    for t, pid, name, what in events:
        if pid not in order:
            order[pid] = "main" if not order else f"child {len(order)}"
        lines.append(f"{t - origin:7.3f}  {order[pid]:<9} {name:<8} {what}")
    return lines
