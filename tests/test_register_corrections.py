"""Editorial corrections stick (issue 16): an editor changes an entry's kind, merges two
entries, adds a variant or marks a form as no name, in the register or through the review
table (``teiedition entities --format tsv`` / ``--apply``), and the next encode follows it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from teiedition.cli import main
from teiedition.entities import load_register, write_register
from teiedition.entities.register import Mention, empty_register
from tests.test_entities import marked, run

T = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEXTS = ["Rättegången mot Zinovjev hölls i augusti.", "En förbindelse mellan Gestapo och Stalin.",
         "Josef Stalin talade. Väl talat, sade Sosso en Fredag."]
GUESS = {"Zinovjev": ("ORG", 0.6), "Gestapo": ("LOC", 0.7), "Stalin": ("PER", 0.9),
         "Josef Stalin": ("PER", 0.95), "Sosso": ("PER", 0.6), "Fredag": ("PER", 0.92)}


def _first_encode(tmp: Path) -> Path:
    """The register a first encode writes (entries by teiedition), as a file."""
    _blocks, ms = run(TEXTS, GUESS, register=empty_register())
    path = tmp / "register.xml"
    write_register(empty_register().update(ms), path)
    return path


def _table(tmp: Path, reg: Path, edit: dict[str, dict[str, str]]) -> Path:
    """The review table of a text encoded with ``reg``, edited as ``edit`` says (by id)."""
    blocks, _ms = run(TEXTS, GUESS, register=load_register(reg))
    tei = tmp / "t.xml"
    body = "".join("<p>" + _xml(b) + "</p>" for b in blocks)
    tei.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>{body}'
                   "</body></text></TEI>", encoding="utf-8")
    res = CliRunner().invoke(main, ["entities", str(tei), "--register", str(reg),
                                    "--format", "tsv"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    head = lines[0].split("\t")
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split("\t")
        for col, value in edit.get(cells[0], {}).items():
            cells[head.index(col)] = value
        out.append("\t".join(cells))
    table = tmp / "review.tsv"
    table.write_text("\n".join(out) + "\n", encoding="utf-8")
    return table


def _xml(block) -> str:  # noqa: ANN001
    from xml.sax.saxutils import escape

    text, out, pos = block.text, [], 0
    for s in sorted(block.spans, key=lambda s: s.start):
        out.append(escape(text[pos:s.start]))
        attrs = "".join(f' {k}="{v}"' for k, v in s.attrs)
        out.append(f"<{s.tag}{attrs}>{escape(text[s.start:s.end])}</{s.tag}>")
        pos = s.end
    return "".join(out) + escape(text[pos:])


def _apply(reg: Path, table: Path) -> None:
    res = CliRunner().invoke(main, ["entities", "--apply", str(table), "--register", str(reg)])
    assert res.exit_code == 0, res.output


def test_a_changed_kind_sticks(tmp_path: Path) -> None:
    reg = _first_encode(tmp_path)
    assert {"pers-zinovjev", "place-gestapo"} <= set(load_register(reg).entries)
    _apply(reg, _table(tmp_path, reg, {"pers-zinovjev": {"kind": "org"},
                                       "place-gestapo": {"kind": "org"}}))
    blocks, _ms = run(TEXTS, GUESS, register=load_register(reg))
    got = marked(blocks)
    # the same ids (nothing renumbered), now of the editor's kinds
    assert ("orgName", "Zinovjev", "#pers-zinovjev") in got
    assert ("orgName", "Gestapo", "#place-gestapo") in got


def test_a_merge_sticks_and_the_old_id_still_resolves(tmp_path: Path) -> None:
    reg = _first_encode(tmp_path)
    r = load_register(reg)
    assert {"pers-josef-stalin", "pers-sosso"} <= set(r.entries)
    _apply(reg, _table(tmp_path, reg, {"pers-sosso": {"merge_into": "pers-josef-stalin"}}))
    r = load_register(reg)
    assert r.resolve("pers-sosso").id == "pers-josef-stalin"
    assert r.lookup("Sosso").id == "pers-josef-stalin"
    blocks, _ms = run(TEXTS, GUESS, register=r)
    refs = {f: ref for t, f, ref in marked(blocks, "persName")}
    assert refs["Sosso"] == refs["Stalin"] == refs["Josef Stalin"] == "#pers-josef-stalin"
    # the old element stays, pointing to the entry it went into: old references resolve
    tree = etree.parse(str(reg))
    old = next(e for e in tree.iter(f"{T}person") if e.get(XML_ID) == "pers-sosso")
    assert old.get("sameAs") == "#pers-josef-stalin" and old.get("resp") == "#editor"


def test_a_variant_added_by_hand_sticks(tmp_path: Path) -> None:
    reg = _first_encode(tmp_path)
    tree = etree.parse(str(reg))
    el = next(e for e in tree.iter(f"{T}person") if e.get(XML_ID) == "pers-josef-stalin")
    var = etree.SubElement(el, f"{T}persName", type="variant")
    var.text = "Koba"
    el.set("resp", "#editor")
    tree.write(str(reg), encoding="UTF-8", xml_declaration=True)
    blocks, _ms = run(["Koba kom sent."], {}, register=load_register(reg))
    assert marked(blocks) == [("persName", "Koba", "#pers-josef-stalin")]


def test_a_rejected_form_is_no_name_in_the_next_encode(tmp_path: Path) -> None:
    reg = _first_encode(tmp_path)
    assert "pers-fredag" in load_register(reg).entries
    _apply(reg, _table(tmp_path, reg, {"pers-fredag": {"reject": "yes"}}))
    r = load_register(reg)
    assert "Fredag" in r.stops and "pers-fredag" not in r.entries
    blocks, _ms = run(TEXTS, GUESS, register=r)
    assert all(f != "Fredag" for _t, f, _r in marked(blocks))
    # other names are unaffected
    assert ("persName", "Sosso", "#pers-sosso") in marked(blocks)


def test_rows_that_change_nothing_leave_the_register_alone(tmp_path: Path) -> None:
    reg = _first_encode(tmp_path)
    before = reg.read_bytes()
    _apply(reg, _table(tmp_path, reg, {}))
    assert reg.read_bytes() == before


def test_a_bad_table_is_refused_with_its_line_and_nothing_written(tmp_path: Path) -> None:
    reg = _first_encode(tmp_path)
    before = reg.read_bytes()
    table = _table(tmp_path, reg, {"place-gestapo": {"kind": "persn"},
                                   "pers-sosso": {"merge_into": "pers-nobody"}})
    res = CliRunner().invoke(main, ["entities", "--apply", str(table), "--register", str(reg)])
    assert res.exit_code == 2
    lines = table.read_text(encoding="utf-8").splitlines()
    n = next(i for i, ln in enumerate(lines, 1) if ln.startswith("place-gestapo"))
    assert f"{table}:{n}:" in res.output and "unknown kind 'persn'" in res.output
    assert reg.read_bytes() == before


def test_an_edited_candidate_becomes_the_editors_entry(tmp_path: Path) -> None:
    reg = tmp_path / "register.xml"
    write_register(empty_register().update(
        [Mention(0, 0, 1, "PER", "Stalin", "Stalin", "pers-stalin")]), reg)
    table = tmp_path / "review.tsv"
    table.write_text("id\tkind\tname\tforms\tcount\tcert\tfirst\tin_register\tmerge_into\t"
                     "reject\norg-gestapo\torg\tGestapo\tGestapo (2)\t2\t\tt.xml:3\tno\t\t\n",
                     encoding="utf-8")
    _apply(reg, table)
    r = load_register(reg)
    assert r.entries["org-gestapo"].kind == "org" and r.entries["org-gestapo"].resp == "#editor"
    assert r.evidence().lookup("Gestapo") is not None  # evidence for the next encode


def test_a_merged_entry_is_listed_once_in_the_html_register(tmp_path: Path) -> None:
    from teiedition.publish.html import build_html

    reg = _first_encode(tmp_path)
    _apply(reg, _table(tmp_path, reg, {"pers-sosso": {"merge_into": "pers-josef-stalin"}}))
    tei = tmp_path / "t.xml"  # written by _table: its mentions still use the old id
    out = tmp_path / "html"
    build_html([tei], out, register=reg)
    page = etree.parse(str(out / "persons.html"), etree.HTMLParser())
    ids = [a.get("id") for a in page.iter("article")]
    assert "pers-sosso" not in ids and "pers-josef-stalin" in ids
    entry = next(a for a in page.iter("article") if a.get("id") == "pers-josef-stalin")
    assert "Sosso" in " ".join(entry.itertext())  # its forms went with it


def test_an_older_register_in_inflected_forms_migrates_without_renumbering(
        tmp_path: Path) -> None:
    # what an earlier version wrote: the genitive as the entry's name and id
    reg = tmp_path / "register.xml"
    write_register(empty_register().update(
        [Mention(0, 0, 1, "ORG", "Kominterns", "Kominterns", "org-kominterns")]), reg)
    texts = ["Kominterns led vacklade.", "Komintern teg."]
    blocks, ms = run(texts, {"Kominterns": ("ORG", 0.8)}, register=load_register(reg))
    assert {ref for _t, _f, ref in marked(blocks, "orgName")} == {"#org-komintern"}
    write_register(load_register(reg).update(ms), reg)
    r = load_register(reg)
    # the old id stays, as an alias of the entry in base form, and resolves to it
    assert r.resolve("org-kominterns").id == "org-komintern"
    assert r.entries["org-komintern"].name == "Komintern"
    assert r.lookup("Kominterns").id == "org-komintern"
    tree = etree.parse(str(reg))
    old = next(e for e in tree.iter(f"{T}org") if e.get(XML_ID) == "org-kominterns")
    assert old.get("sameAs") == "#org-komintern"
    # and a further encode changes nothing (a fixed point)
    before = reg.read_bytes()
    blocks, ms = run(texts, {"Kominterns": ("ORG", 0.8)}, register=load_register(reg))
    write_register(load_register(reg).update(ms), reg)
    assert reg.read_bytes() == before


def test_a_later_text_with_only_the_old_inflected_form_keeps_the_register_readable(
        tmp_path: Path) -> None:
    # encoding sees only the editor's part of the register, so a text that writes only
    # "Kominterns" is given the old id again; the register must take it as the alias it is
    # (it had added a second element with that xml:id: the register could not be read)
    reg = tmp_path / "register.xml"
    write_register(empty_register().update(
        [Mention(0, 0, 1, "ORG", "Kominterns", "Kominterns", "org-kominterns")]), reg)
    _blocks, ms = run(["Kominterns led vacklade.", "Komintern teg."],
                      {"Kominterns": ("ORG", 0.8)}, register=load_register(reg))
    write_register(load_register(reg).update(ms), reg)
    _blocks, ms = run(["Kominterns led vacklade åter."], {"Kominterns": ("ORG", 0.8)},
                      register=load_register(reg))
    assert {m.ref for m in ms if m.type == "ORG"} == {"org-kominterns"}
    before = reg.read_bytes()
    write_register(load_register(reg).update(ms), reg)
    tree = etree.parse(str(reg))  # no duplicate xml:id
    ids = [e.get(XML_ID) for e in tree.iter(f"{T}org")]
    assert sorted(ids) == ["org-komintern", "org-kominterns"]
    assert reg.read_bytes() == before
    assert load_register(reg).resolve("org-kominterns").id == "org-komintern"
