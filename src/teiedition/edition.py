"""The edition a TEI file belongs to, and the one register lookup every command uses.

An edition is a folder with ``teiedition.toml`` (the edition config), ``tei/`` (its TEI and
``tei/register.xml``, the master register) and ``output/``. A file's names are looked up in
this order, by ``validate``, ``html``, ``pdf`` and ``build`` alike:

1. the file's own entries (``standOff type="register"``: every file teiedition writes
   carries the entries it points to, so it stands alone);
2. the register of the file's edition: ``tei/register.xml`` under the nearest folder above
   the file that holds ``teiedition.toml``, else ``register.xml`` beside the file (a file in
   ``tei/``);
3. the register given with ``--register``.

An id found earlier wins. The result is one register document (a TEI ``standOff`` with the
lists) in the master's order, so that ``html tei/letter.xml`` links names exactly as
``build`` does.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from . import TEI_NS, XML_NS
from .errors import InputError

if TYPE_CHECKING:
    from .config import Config

__all__ = ["CONFIG_NAME", "LAYOUT", "edition_root", "edition_config", "edition_register",
           "register_paths", "effective_register", "own_entries", "init_edition"]

CONFIG_NAME = "teiedition.toml"
#: The folders of an edition: what ``build`` reads (sources: text and TEI by others, given
#: as ``teiedition build sources``) and writes (tei/: the TEI and the register, output/:
#: html/ and pdf/).
LAYOUT = ("sources", "tei", "output/html", "output/pdf")
_T = f"{{{TEI_NS}}}"
_XML_ID = f"{{{XML_NS}}}id"


def edition_root(path: str | Path) -> Path | None:
    """The nearest folder above ``path`` (a file) or ``path`` itself (a folder) that holds
    ``teiedition.toml``; None where there is none."""
    p = Path(path).absolute()
    folder = p if p.is_dir() else p.parent
    for d in (folder, *folder.parents):
        if (d / CONFIG_NAME).is_file():
            return d
    return None


def edition_config(paths: Iterable[str | Path]) -> Config:
    """The config of the edition the first of ``paths`` belongs to (the defaults where it
    belongs to none)."""
    from .config import DEFAULT, load_config

    for p in paths:
        root = edition_root(p)
        return load_config(root / CONFIG_NAME) if root is not None else DEFAULT
    return DEFAULT


def edition_register(path: str | Path) -> Path | None:
    """The master register of the edition ``path`` belongs to, if there is one."""
    p = Path(path)
    root = edition_root(p)
    candidates = ([root / "tei" / "register.xml"] if root is not None else []) + [
        p.parent / "register.xml"]
    for c in candidates:
        if c.is_file() and c.resolve() != p.resolve():
            return c
    return None


def register_paths(paths: Iterable[str | Path], explicit: str | Path | None = None
                   ) -> list[Path]:
    """The register files a command reads for ``paths``, in lookup order (the edition's,
    then ``explicit``, which must exist)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        r = edition_register(p)
        if r is not None and r.resolve() not in seen:
            seen.add(r.resolve())
            out.append(r)
    if explicit is not None:
        e = Path(explicit)
        if not e.is_file():
            raise InputError("register file not found", path=str(e))
        if e.resolve() not in seen:
            out.append(e)
    return out


def _entries(root: etree._Element) -> Iterable[tuple[str, etree._Element]]:
    """(list name, entry) for every entry with an xml:id in the lists (``listPerson``,
    ``listOrg``, ``listPlace``, ``listBibl`` …) of a register or a file, outside its header."""
    for lst in root.iter():
        if not isinstance(lst.tag, str):
            continue
        name = etree.QName(lst).localname
        if not name.startswith("list") or name == "list" or any(
                a.tag == f"{_T}teiHeader" for a in lst.iterancestors()):
            continue
        for e in lst:
            if isinstance(e.tag, str) and e.get(_XML_ID):
                yield name, e


def own_entries(tei: etree._Element) -> list[tuple[str, etree._Element]]:
    """(list name, entry) for the entries a TEI document carries in its ``standOff`` (the
    register copy teiedition writes, or lists an editor put there). XPath, so that a long
    text without any is not walked in Python."""
    return [(etree.QName(e.getparent()).localname, e) for e in tei.xpath(
        "t:standOff//*[starts-with(local-name(), 'list') and local-name() != 'list']"
        "/*[@xml:id]", namespaces={"t": TEI_NS})]


_SKELETON = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Register'
             '</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>'
             '</sourceDesc></fileDesc></teiHeader><standOff/></TEI>')


def effective_register(texts: Sequence[etree._Element],
                       registers: Sequence[etree._Element]) -> etree._Element | None:
    """One register for ``texts`` (TEI roots): their own entries first, then ``registers``
    in order; an id already found is not taken again. The first register's tree (copied)
    is the base, so its order and header are kept; None when there are no entries at all.
    """
    own = [(name, e) for t in texts for name, e in own_entries(t)]
    if not registers and not own:
        return None
    base = copy.deepcopy(registers[0]) if registers else etree.fromstring(_SKELETON)
    so = base.find(f"{_T}standOff")
    if so is None:
        so = etree.SubElement(base, f"{_T}standOff")
    lists: dict[str, etree._Element] = {}
    where: dict[str, etree._Element] = {}
    for name, e in _entries(base):
        lists.setdefault(name, e.getparent())
        where[e.get(_XML_ID)] = e
    taken: set[str] = set()

    def take(name: str, e: etree._Element, replace: bool) -> None:
        xid = e.get(_XML_ID)
        if xid in taken:
            return
        taken.add(xid)
        old = where.get(xid)
        if old is not None:
            if replace:  # the file's own copy of an entry the register holds: its words win
                new = copy.deepcopy(e)
                new.tail = old.tail
                old.getparent().replace(old, new)
            return
        lst = lists.get(name)
        if lst is None:
            lst = lists[name] = etree.SubElement(so, f"{_T}{name}")
        lst.append(copy.deepcopy(e))

    for name, e in own:
        take(name, e, True)
    taken.update(where)  # the base's ids (the own entries' are taken above)
    for reg in registers[1:]:
        for name, e in _entries(reg):
            take(name, e, False)
    return base


def init_edition(folder: Path) -> list[Path]:
    """Write a commented ``teiedition.toml`` and the folders of ``LAYOUT`` into ``folder``;
    return what was made. Refuses (InputError) where a config is already there."""
    from .config import EXAMPLE
    from .output import OutputError, atomic_write

    config = folder / CONFIG_NAME
    if config.exists():
        raise InputError("an edition is already here (teiedition.toml exists; it is never "
                         "overwritten)", path=str(config))
    made: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in LAYOUT:
            d = folder / name
            if not d.is_dir():
                d.mkdir(parents=True)
                made.append(d)
        atomic_write(config, EXAMPLE)
    except OSError as err:
        raise OutputError(f"cannot write: {err.strerror}",
                          path=str(err.filename or folder)) from None
    return [config, *made]
