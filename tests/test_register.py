"""The register: reading, adding entries and variants, keeping hand edits, valid TEI."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from teiedition.entities.register import (
    XML_ID,
    Mention,
    empty_register,
    load_register,
    write_register,
)

ROOT = Path(__file__).resolve().parents[1]
TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def _m(typ: str, text: str, ref: str, name: str, cert: str | None = None) -> Mention:
    return Mention(0, 0, len(text), typ, text, name=name, ref=ref, cert=cert)


def _entry(tree: etree._ElementTree, xid: str) -> etree._Element:
    return next(el for el in tree.getroot().iter() if el.get(XML_ID) == xid)


def test_missing_file_is_an_empty_register(tmp_path: Path) -> None:
    reg = load_register(tmp_path / "nope.xml")
    assert len(reg) == 0
    assert reg.lookup("Stalin") is None


def test_new_entries_carry_cert_and_resp_and_variants(tmp_path: Path) -> None:
    reg = empty_register().update([
        _m("PER", "Josef Stalin", "pers-josef-stalin", "Josef Stalin"),
        _m("PER", "Stalins", "pers-josef-stalin", "Josef Stalin"),
        _m("ORG", "GPU:s", "org-gpu", "GPU", cert="medium"),
        _m("LOC", "Spanien", "place-spanien", "Spanien", cert="low"),
        _m("TITLE", "Daily Worker", "journal-daily-worker", "Daily Worker"),
    ])
    path = tmp_path / "register.xml"
    write_register(reg, path)
    back = load_register(path)
    stalin = back.entries["pers-josef-stalin"]
    assert stalin.kind == "person" and stalin.name == "Josef Stalin"
    assert stalin.variants == ["Stalins"]
    assert stalin.resp == "#teiedition" and stalin.cert == "high"
    gpu = back.entries["org-gpu"]
    assert (gpu.kind, gpu.name, gpu.variants, gpu.cert) == ("org", "GPU", ["GPU:s"], "medium")
    assert back.entries["place-spanien"].cert == "low"
    assert back.entries["journal-daily-worker"].kind == "journal"
    # every form finds its entry
    assert back.lookup("Stalins").id == "pers-josef-stalin"
    assert back.lookup("GPU:s", "org").id == "org-gpu"
    assert back.lookup("GPU:s", "person") is None
    xml = path.read_text(encoding="utf-8")
    assert '<persName type="variant">Stalins</persName>' in xml
    assert '<title level="j" type="reg">Daily Worker</title>' in xml
    # no temporary files left beside it
    assert [p.name for p in tmp_path.iterdir()] == ["register.xml"]


def test_hand_edits_are_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "register.xml"
    write_register(empty_register().update([
        _m("PER", "Stalin", "pers-stalin", "Stalin", cert="medium"),
        _m("PER", "Stalins", "pers-stalin", "Stalin", cert="medium"),
    ]), path)
    # an editor corrects the entry by hand: full name, no cert, an authority id, a note
    tree = etree.parse(str(path))
    el = _entry(tree, "pers-stalin")
    reg_name = el.find("t:persName[@type='reg']", NS)
    reg_name[:] = []  # the editor writes the whole name over its parts
    reg_name.text = "Josef Stalin"
    del el.attrib["cert"]
    el.set("resp", "#editor")
    note = etree.SubElement(el, "{http://www.tei-c.org/ns/1.0}note")
    note.text = "Checked by hand."
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    before = etree.tostring(_entry(etree.parse(str(path)), "pers-stalin"))

    # the tool runs again and sees the same person (new form, old forms, a different guess)
    reg = load_register(path)
    assert reg.lookup("Stalins").name == "Josef Stalin"
    updated = reg.update([
        _m("PER", "Stalin", "pers-stalin", "Stalin", cert="low"),
        _m("PER", "Stalin-", "pers-stalin", "Stalin"),
        _m("PER", "Stalins", "pers-stalin", "Stalin", cert="low"),
        _m("PER", "Duranty", "pers-duranty", "Duranty", cert="low"),
    ])
    write_register(updated, path)
    tree = etree.parse(str(path))
    el = _entry(tree, "pers-stalin")
    # everything the editor wrote is still there, unchanged and in order
    assert el.get("resp") == "#editor" and el.get("cert") is None
    assert el.find("t:persName[@type='reg']", NS).text == "Josef Stalin"
    assert el.find("t:note", NS).text == "Checked by hand."
    old = etree.fromstring(before)
    kept = [etree.tostring(c) for c in el if c.text not in ("Stalin", "Stalin-")]
    assert kept == [etree.tostring(c) for c in old]
    # only the forms not yet listed were added ("Stalin" is no longer the reg name), after
    # the names the editor left, and the new person got an entry of its own
    variants = [v.text for v in el.findall("t:persName[@type='variant']", NS)]
    assert variants == ["Stalins", "Stalin", "Stalin-"]
    assert load_register(path).entries["pers-duranty"].cert == "low"


def test_new_id_is_unique_and_ascii(tmp_path: Path) -> None:
    reg = empty_register().update([_m("PER", "Léon Blum", "pers-leon-blum", "Léon Blum")])
    assert reg.new_id("person", "Léon Blum") == "pers-leon-blum"
    assert reg.new_id("person", "Leon Blum") == "pers-leon-blum-2"
    assert reg.new_id("place", "Fjärran östern") == "place-fjarran-ostern"


def test_update_does_not_touch_the_input_register() -> None:
    reg = empty_register()
    reg.update([_m("ORG", "GPU", "org-gpu", "GPU")])
    assert len(reg) == 0


def test_not_a_tei_register_is_an_input_error(tmp_path: Path) -> None:
    from teiedition.errors import InputError

    bad = tmp_path / "r.xml"
    bad.write_text("<register/>", encoding="utf-8")
    with pytest.raises(InputError):
        load_register(bad)


@pytest.mark.skipif(shutil.which("jing") is None or not TEI_ALL.exists(),
                    reason="jing or ../shared/schemas/tei_all.rng not available")
def test_written_register_is_valid_tei_all(tmp_path: Path) -> None:
    path = tmp_path / "register.xml"
    reg = empty_register().update([
        _m("PER", "Stalins", "pers-stalin", "Stalin", cert="medium"),
        _m("ORG", "Kominterns", "org-komintern", "Komintern"),
        _m("LOC", "Moskvas", "place-moskva", "Moskva", cert="low"),
        _m("TITLE", "Pravda", "journal-pravda", "Pravda", cert="medium"),
    ])
    write_register(reg, path)
    res = subprocess.run(["jing", str(TEI_ALL), str(path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


@pytest.mark.skipif(shutil.which("jing") is None or not TEI_ALL.exists(),
                    reason="jing or ../shared/schemas/tei_all.rng not available")
def test_edition_register_is_valid_tei_all() -> None:
    path = ROOT / "tei" / "register.xml"
    if not path.exists():
        pytest.skip("tei/register.xml not written yet")
    res = subprocess.run(["jing", str(TEI_ALL), str(path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    reg = load_register(path)
    assert len(reg) > 20
