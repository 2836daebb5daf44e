"""Admission by memory (publish/admission.py): the children of one command's workers start
only when their memory fits the budget beside what runs; one waits, none is lost."""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from pathlib import Path

from teiedition.publish import admission


def _hold(gate: str, mb: int, seconds: float, log: str, name: str) -> None:
    with admission.admitted(gate, mb, budget=360):
        with open(log, "a") as f:
            f.write(f"{name} in {time.monotonic():.3f}\n")
        time.sleep(seconds)
        with open(log, "a") as f:
            f.write(f"{name} out {time.monotonic():.3f}\n")


def _events(log: Path) -> list[tuple[str, str, float]]:
    rows = [ln.split() for ln in log.read_text().splitlines()]
    return sorted(((a, b, float(c)) for a, b, c in rows), key=lambda r: r[2])


def _run(tmp_path: Path, *requests: tuple[str, int, float]) -> list[tuple[str, str, float]]:
    gate = admission.make_gate(tmp_path)
    log = tmp_path / "log"
    ctx = mp.get_context("fork")
    procs = []
    for name, mb, seconds in requests:
        p = ctx.Process(target=_hold, args=(gate, mb, seconds, str(log), name))
        p.start()
        procs.append(p)
        time.sleep(0.15)  # in this order
    for p in procs:
        p.join(20)
        assert p.exitcode == 0
    assert Path(gate).read_text() == ""  # every holder gave its memory back
    return _events(log)


def test_a_child_waits_until_its_memory_fits(tmp_path: Path) -> None:
    events = _run(tmp_path, ("big", 300, 0.6), ("second", 150, 0.05))
    order = [(name, what) for name, what, _ in events]
    assert order == [("big", "in"), ("big", "out"), ("second", "in"), ("second", "out")]


def test_children_that_fit_run_together(tmp_path: Path) -> None:
    events = _run(tmp_path, ("a", 150, 0.6), ("b", 150, 0.05))
    order = [(name, what) for name, what, _ in events]
    assert order == [("a", "in"), ("b", "in"), ("b", "out"), ("a", "out")]


def test_a_request_over_the_budget_runs_alone(tmp_path: Path) -> None:
    events = _run(tmp_path, ("small", 50, 0.6), ("huge", 900, 0.05), ("after", 50, 0.05))
    order = [(name, what) for name, what, _ in events]
    # the huge one waits for the small one, the one after it for the huge one (in order:
    # small requests do not overtake a large one for ever)
    assert order == [("small", "in"), ("small", "out"), ("huge", "in"), ("huge", "out"),
                     ("after", "in"), ("after", "out")]


def test_a_dead_holder_is_dropped(tmp_path: Path) -> None:
    gate = admission.make_gate(tmp_path)
    ctx = mp.get_context("fork")
    p = ctx.Process(target=lambda: None)
    p.start()
    p.join()
    Path(gate).write_text(f"{p.pid} 350\n")  # held by a process that is gone
    t = time.monotonic()
    with admission.admitted(gate, 200, budget=360):
        pid, _, mb, state = Path(gate).read_text().split()
        assert (pid, mb, state) == (str(os.getpid()), "200", "h")
    assert time.monotonic() - t < 1


def test_no_gate_no_wait() -> None:
    with admission.admitted("", 10_000):
        pass
