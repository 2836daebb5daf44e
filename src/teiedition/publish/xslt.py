"""Saxon HE (saxonche): compile each stylesheet once per process, transform many documents.

Documents reach Saxon already parsed by the hardened parser (``teiedition.xml``) and
re-serialised, never as a path or URI, so Saxon never resolves an entity or reads a file
that the input names.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from lxml import etree
from saxonche import PySaxonProcessor, PyXdmNode, PyXsltExecutable

from ..errors import InputError, TeieditionError
from ..resources import xslt_path

_lock = threading.Lock()

#: Limits of Saxon's XML parser (JDK: maxElementDepth 100, elementAttributeLimit 200, names
#: of 1000 characters), less a margin for the wrappers around a document; checked first, so
#: a document beyond them is a one-line error with file and line, not a Saxon failure.
MAX_DEPTH = 96
MAX_ATTRIBUTES = 150
MAX_NAME = 900


def check_limits(root: etree._Element, path: str | None) -> None:
    """Refuse (``InputError``) a document that Saxon's parser would refuse."""
    depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "end":
            depth -= 1
            continue
        depth += 1
        if depth > MAX_DEPTH:
            raise InputError(f"elements are nested more than {MAX_DEPTH} deep; the HTML and "
                             f"PDF editions support up to {MAX_DEPTH}", path=path,
                             line=el.sourceline)
        if len(el.attrib) > MAX_ATTRIBUTES:
            raise InputError(f"an element has more than {MAX_ATTRIBUTES} attributes",
                             path=path, line=el.sourceline)
        if len(el.tag.rpartition("}")[2]) > MAX_NAME or \
                any(len(a.rpartition("}")[2]) > MAX_NAME for a in el.attrib):
            raise InputError(f"a name is longer than {MAX_NAME} characters",
                             path=path, line=el.sourceline)


@cache
def processor() -> PySaxonProcessor:
    """One Saxon processor per process (saxonche allows only one)."""
    return PySaxonProcessor(license=False)


@cache
def stylesheet(relative: str) -> PyXsltExecutable:
    """The compiled stylesheet ``xslt/<relative>``, compiled once per process."""
    path: Path = xslt_path(*relative.split("/"))
    with _lock:
        compiler = processor().new_xslt30_processor()
        try:
            return compiler.compile_stylesheet(stylesheet_file=str(path))
        except Exception as err:  # saxonche raises PySaxonApiError with the message
            raise TeieditionError(f"cannot compile stylesheet {relative}: {err}") from None


def to_xdm(tree: etree._ElementTree | etree._Element) -> PyXdmNode:
    """Hand an lxml tree to Saxon as an in-memory document (no file or URI access)."""
    return parse_text(etree.tostring(tree, encoding="unicode"))


def _set_parameters(exe: PyXsltExecutable, params: dict[str, str] | None) -> None:
    """Replace the stylesheet's parameters with ``params`` (strings)."""
    exe.clear_parameters()
    for name, value in (params or {}).items():
        exe.set_parameter(name, processor().make_string_value(value))


def transform(relative: str, tree: etree._ElementTree | etree._Element,
              params: dict[str, str] | None = None) -> str:
    """Run stylesheet ``relative`` on ``tree`` and return the principal result as text."""
    exe = stylesheet(relative)
    with _lock:
        _set_parameters(exe, params)
        try:
            result = exe.transform_to_string(xdm_node=to_xdm(tree))
        except Exception as err:
            raise TeieditionError(f"transformation with {relative} failed: {err}") from None
    if result is None:
        raise TeieditionError(f"transformation with {relative} produced no output")
    return result


def transform_to_file(relative: str, tree: etree._ElementTree | etree._Element,
                      params: dict[str, str] | None, path: str) -> None:
    """Run stylesheet ``relative`` on ``tree`` into the file ``path``: Saxon writes the
    principal result as it is made (a stylesheet whose result is a sequence of strings,
    build-tree="no", writes each when it is made), so a reader can take it as it grows."""
    exe = stylesheet(relative)
    with _lock:
        _set_parameters(exe, params)
        try:
            exe.transform_to_file(xdm_node=to_xdm(tree), output_file=path)
        except Exception as err:
            raise TeieditionError(f"transformation with {relative} failed: {err}") from None


def parse_text(text: str) -> PyXdmNode:
    """An XML string (produced by us from hardened-parsed trees) as a Saxon document."""
    try:
        return processor().parse_xml(xml_text=text)
    except Exception as err:
        raise TeieditionError(f"Saxon could not read the document: {err}") from None


def call_template_strings(relative: str, template: str, context: PyXdmNode,
                          params: dict[str, str] | None = None) -> list[str]:
    """Call named template ``template`` (Clark name) of ``relative`` with ``context`` as the
    global context item, and return the sequence of strings it returns.

    One transformation can so produce many outputs (e.g. file name, content, file name, ...)
    with one set of key indexes, and Saxon's own serialiser inside the stylesheet.
    """
    exe = stylesheet(relative)
    with _lock:
        _set_parameters(exe, params)
        exe.set_global_context_item(xdm_item=context)
        exe.set_result_as_raw_value(True)
        try:
            value = exe.call_template_returning_value(template)
        except Exception as err:
            raise TeieditionError(f"transformation with {relative} failed: {err}") from None
        finally:
            exe.set_result_as_raw_value(False)
    if value is None:
        return []
    return [value.item_at(i).string_value for i in range(value.size)]
