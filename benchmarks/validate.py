#!/usr/bin/env python3
"""Benchmark validation: schema load times, RELAX NG throughput, Schematron time, and the
same document validated in parts (as a file over the XML limit is).

Targets (issue 3): project schema load < 1 s; validation >= 10 MB/s once the schema is loaded.
The 10 MB document is an ELTeC novel (../shared/corpora/eltec-swe) with its eltec: header
elements removed (they are not TEI) and its body divisions repeated, xml:ids and page numbers
renumbered so that the result stays valid against both schemas and the rules.

    python benchmarks/validate.py [--size-mb 10] [--no-tei-all]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# this folder holds html.py, which must not shadow the standard library's html module
# (teiedition imports html.entities): drop it before teiedition is imported
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))
from teiedition import validate as v  # noqa: E402
from teiedition.validate_parts import PART_BYTES, validate_parts  # noqa: E402
from teiedition.xml import parse_bytes  # noqa: E402
from tests.textgen import ELTEC_NOVEL as ELTEC  # noqa: E402
from tests.textgen import big_tei  # noqa: E402


def timed(fn, *args, **kwargs):
    t = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size-mb", type=float, default=10.0)
    ap.add_argument("--no-tei-all", action="store_true", help="skip TEI All (~10 s to load)")
    ap.add_argument("--quick", action="store_true", help="1 MB, no TEI All (CI smoke run)")
    args = ap.parse_args()
    if args.quick:
        args.size_mb, args.no_tei_all = 1.0, True
    if not ELTEC.exists():
        print(f"needs {ELTEC}", file=sys.stderr)
        return 2

    _, t_project = timed(v.load_schema, "project")
    _, t_sch = timed(v.load_schematron)
    print(f"schema load, project RELAX NG:   {t_project:6.3f} s   (target < 1 s)")
    print(f"schema load, Schematron rules:   {t_sch:6.3f} s")

    data = big_tei(args.size_mb)
    mb = len(data) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.xml"
        path.write_bytes(data)
        tree, t_parse = timed(parse_bytes, data, str(path))
        print(f"document: {mb:.1f} MB, {sum(1 for _ in tree.iter())} elements "
              f"(parse {t_parse:.3f} s, {mb / t_parse:.0f} MB/s)")
        project = v.load_schema("project")
        ok, t_rng = timed(project.relaxng.validate, tree)
        assert ok, project.relaxng.error_log
        loc = v._Locator(tree, str(path), data)
        problems, t_rules = timed(v._schematron_problems, tree, str(path), None, loc)
        problems = [p for p in problems if p.rule != "pointer-resolves"]
        assert not problems, problems[:3]
        print(f"RELAX NG (project):              {t_rng:6.3f} s   {mb / t_rng:6.1f} MB/s")
        print(f"Schematron rules:                {t_rules:6.3f} s   {mb / t_rules:6.1f} MB/s")
        problems, t_file = timed(v.validate_file, path, "project", False)
        assert not problems, problems[:3]
        print(f"validate_file (parse+RNG+rules): {t_file:6.3f} s   {mb / t_file:6.1f} MB/s"
              f"   (target >= 10 MB/s)")
        # what a file over the XML limit gets: the same checks, a part at a time
        part = min(PART_BYTES, len(data) // 4)
        problems, t_parts = timed(validate_parts, path, "project", False, part_bytes=part)
        assert not problems, problems[:3]
        print(f"validate_parts ({part / 2**20:.2f} MB parts):   {t_parts:6.3f} s   "
              f"{mb / t_parts:6.1f} MB/s   (memory: benchmarks/memory.py)")
        if not args.no_tei_all:
            _, t_all = timed(v.load_schema, "tei-all")
            print(f"schema load, TEI All:            {t_all:6.3f} s   (once per process)")
            problems, t_file = timed(v.validate_file, path, "tei-all", False)
            assert not problems, problems[:3]
            print(f"validate_file against TEI All:   {t_file:6.3f} s   {mb / t_file:6.1f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
