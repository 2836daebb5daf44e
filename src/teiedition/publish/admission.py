"""Admission by memory: the Typst and Saxon children of one command share a budget.

``pdf -j 2`` runs two worker processes, and each starts children of its own: the XSLT step
of a long text (Saxon, about 200 MB after a 1 MB novel) and Typst (a layout of about 420 MB
per million characters; a book in parts, a child per part). Each worker alone stays under
the memory bound; two at once did not (593 MB summed on the four ELTeC-swe novels: one
worker's Typst held a novel's layout while the other's Saxon and Typst ran). So a child
that holds much memory is started only when what the children running beside it hold,
by the same estimates, leaves room for it in ``budget`` (one request larger than the budget
runs alone). A book in parts asks once for all the children it runs at a time, so that no
one waits for room while holding some (no deadlock).

The gate is a small file shared by the command's workers (``publish`` makes it in its
staging folder): the holders, one line each (process id, MB), read and written under an
exclusive lock (``fcntl.flock``); an entry of a process that died is dropped.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

#: MB that the children of one command may hold together (the 500 MB bound less the
#: command's own process and two workers, about 40 MB each, and a margin).
BUDGET_MB = 360
#: How often a child waiting for room looks again (s).
POLL = 0.02


def typst_mb(source_chars: int) -> int:
    """Peak memory of a Typst child that lays out this much Typst source (measured on the
    ELTeC-swe novels: 109 MB at 125,000 characters, 149 at 250,000, 237 at 500,000, 449 at
    1,000,000)."""
    return 50 + source_chars * 2 // 5_000


def xslt_mb(tei_bytes: int) -> int:
    """Peak memory of the child that runs the print stylesheet on this much TEI (measured:
    160 MB on 1.0 MB of TEI, 172 on 1.5, 226 on 5.2)."""
    return 140 + tei_bytes * 17 // 1_000_000


#: The gate's file name in a command's folder.
GATE = ".typesetting"


def make_gate(folder: Path) -> str:
    """A new, empty gate in ``folder`` (the command's staging folder, removed with it)."""
    path = folder / GATE
    path.write_text("", encoding="ascii")
    return str(path)


Entry = tuple[int, str, int, str]  # process id, token, MB, "w" (waiting) or "h" (holding)


def _entries(text: str) -> list[Entry]:
    found = []
    for line in text.splitlines():
        pid, token, mb, state = ([*line.split(), "", "", "", ""])[:4]
        if pid.isdigit() and mb.isdigit() and state in ("w", "h") and _alive(int(pid)):
            found.append((int(pid), token, int(mb), state))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process of that number
        return True
    return True


def _update(gate: Path, change: Callable[[list[Entry]], list[Entry] | None]) -> bool:
    """Under the gate's lock: ``change(entries)`` returns the new entries or None (no
    change); True when it changed them."""
    with open(gate, "a+", encoding="ascii") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            f.seek(0)
            new = change(_entries(f.read()))
            if new is None:
                return False
            f.seek(0)
            f.truncate()
            f.write("".join(f"{pid} {token} {mb} {state}\n" for pid, token, mb, state in new))
            f.flush()  # before the lock is given back
            return True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


_tokens = itertools.count()


@contextlib.contextmanager
def admitted(gate: str | None, mb: int, budget: int = BUDGET_MB) -> Iterator[None]:
    """Wait until ``mb`` more fits in ``budget`` beside what the gate's holders hold (or
    nothing is held), hold it for the block, then give it back. Requests are served in
    order: a large one is not overtaken by small ones for ever. ``gate`` None or '': no
    other worker to share with; the block runs at once."""
    if not gate:
        yield
        return
    path = Path(gate)
    me = (os.getpid(), f"{threading.get_ident()}-{next(_tokens)}")
    need = max(1, int(mb))

    def mine(e: Entry) -> bool:
        return e[:2] == me

    admitted_now = False

    def enter(entries: list[Entry]) -> list[Entry]:
        nonlocal admitted_now
        if not any(mine(e) for e in entries):  # in the queue, after those before it
            entries.append((*me, need, "w"))
        held = sum(e[2] for e in entries if e[3] == "h")
        first = next(e for e in entries if e[3] == "w")
        admitted_now = mine(first) and (held == 0 or held + need <= budget)
        return [(*e[:3], "h") if mine(e) and admitted_now else e for e in entries]

    try:
        while _update(path, enter) and not admitted_now:
            time.sleep(POLL)
        yield
    finally:
        _update(path, lambda es: [e for e in es if not mine(e)])
