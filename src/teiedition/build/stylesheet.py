"""The HTML stylesheet as the build runs it: one text at a time in the publish jobs, the
edition pages from the texts' parts in the edition job."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from ..errors import TeieditionError
from ..resources import xslt_path


@cache
def _html_wrapper():  # noqa: ANN202 - PyXsltExecutable
    """The HTML stylesheet seen one text at a time (``te:text-pages``: its page, its card on
    the index page, its mentions on the register pages and its search passages) and the
    edition pages made from those and the texts' headers (``te:edition-pages``).

    A small XSLT that imports ``html/edition.xsl`` and calls its templates, compiled once per
    process (one stylesheet for both, so the edition step can run in a worker that has it
    compiled already). The edition title is set from the size of the whole edition (a
    parameter), so a text page rendered alone names the edition as it would in a single run.
    A text's page is the principal result, serialised as it is made (no tree of the page is
    built, a third of the cost); its card, mentions and search passages are result documents
    that Saxon hands back in memory (captured, never written).
    """
    xml_out = "map{'method': 'xml', 'omit-xml-declaration': true(), 'indent': false()}"
    from ..publish import xslt

    href = xslt_path("html", "edition.xsl").as_uri()
    text = f"""<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:teiedition" exclude-result-prefixes="#all">
  <xsl:import href="{href}"/>
  <xsl:param name="edition-size" as="xs:string" select="'1'"/>
  <xsl:variable name="te:title" as="xs:string" select="
      if (normalize-space($te:edition/@title)) then normalize-space($te:edition/@title)
      else if ($edition-size = '1' and count($te:texts) = 1) then te:title($te:texts/tei:TEI)
      else te:label('edition', $te:ui)"/>
  <!-- the same serialisation as $te:html-output -->
  <xsl:output method="html" html-version="5.0" include-content-type="no" indent="no"
      encoding="UTF-8"/>
  <xsl:template name="te:text-page-parts">
    <xsl:for-each select="$te:texts[1]">
      <xsl:call-template name="te:text-page"/>
      <xsl:result-document href="card" method="text">
        <xsl:variable name="card"><xsl:call-template name="te:text-card"/></xsl:variable>
        <xsl:value-of select="serialize($card, {xml_out})"/>
      </xsl:result-document>
      <xsl:result-document href="mentions" method="text">
        <xsl:variable name="mentions"><xsl:call-template name="te:text-mentions"/></xsl:variable>
        <xsl:value-of select="serialize($mentions, {xml_out})"/>
      </xsl:result-document>
    </xsl:for-each>
    <xsl:if test="$te:search = 'yes'">
      <xsl:result-document href="anchors" method="text">
        <xsl:value-of select="te:search-anchors-tsv()"/>
      </xsl:result-document>
    </xsl:if>
  </xsl:template>
  <xsl:template name="te:edition-pages" as="xs:string*">
    <xsl:sequence select="'index.html'"/>
    <xsl:variable name="index"><xsl:call-template name="te:index-page"/></xsl:variable>
    <xsl:sequence select="serialize($index, $te:html-output)"/>
    <xsl:for-each select="$te:register-kinds">
      <xsl:sequence select="$te:register-files(.)"/>
      <xsl:variable name="page"><xsl:call-template name="te:register-page">
        <xsl:with-param name="kind" select="."/></xsl:call-template></xsl:variable>
      <xsl:sequence select="serialize($page, $te:html-output)"/>
    </xsl:for-each>
    <xsl:if test="$te:search != 'no'">
      <xsl:sequence select="'search.html'"/>
      <xsl:variable name="search"><xsl:call-template name="te:search-page"/></xsl:variable>
      <xsl:sequence select="serialize($search, $te:html-output)"/>
    </xsl:if>
    <xsl:if test="$te:search = 'yes'">
      <xsl:sequence select="'#search-meta', te:search-meta-json()"/>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>"""
    with xslt._lock:
        try:
            return xslt.processor().new_xslt30_processor().compile_stylesheet(
                stylesheet_text=text)
        except Exception as err:
            raise TeieditionError(f"cannot compile the HTML stylesheet: {err}") from None


#: where the text page's result documents are said to be (captured: nothing is written)
_CAPTURED = "file:///teiedition-captured/"


Timer = Callable[[str], contextlib.AbstractContextManager[None]]


def _untimed(name: str) -> contextlib.AbstractContextManager[None]:
    return contextlib.nullcontext()


@contextlib.contextmanager
def _html_stylesheet(edition_xml: str, size: int, search: str = "yes",
                     timer: Timer = _untimed) -> Iterator[Any]:
    """The compiled HTML stylesheet with ``edition_xml`` as its document, under Saxon's lock;
    errors from the stylesheet become one-line ``TeieditionError``s. ``search``: "yes" (the
    search in shards), "pagefind" (a search page for Pagefind), "no" (no search box or page).
    ``timer(stage)`` times the stages (parse, transform)."""
    from ..publish import xslt

    with timer("compile the stylesheet (once per process)"):
        exe = _html_wrapper()
    proc = xslt.processor()
    with timer("Saxon parse"):
        doc = xslt.parse_text(edition_xml)
    with xslt._lock:
        exe.clear_parameters()
        exe.set_parameter("edition-size", proc.make_string_value(str(size)))
        exe.set_parameter("{urn:teiedition}search", proc.make_string_value(search))
        exe.set_global_context_item(xdm_item=doc)
        try:
            yield exe
        except TeieditionError:
            raise
        except Exception as err:
            raise TeieditionError(f"the HTML stylesheet failed: {err}") from None


def _text_page_parts(edition_xml: str, size: int, search: str = "yes",
                     timer: Timer = _untimed) -> tuple[str, str, str, str]:
    """(page, card, mentions, search anchors) of the one text in ``edition_xml``; the
    anchors only for the search in shards (``search`` "yes"), else "" (nothing uses them)."""
    with _html_stylesheet(edition_xml, size, search, timer) as exe:
        exe.set_base_output_uri(_CAPTURED)
        exe.set_capture_result_documents(True)
        with timer("Saxon transform: page, card, mentions, anchors"):
            page = exe.call_template_returning_string("{urn:teiedition}text-page-parts")
            docs = exe.get_result_documents() or {}
    by_name = {uri.rpartition("/")[2]: value for uri, value in docs.items()}
    parts = [by_name.get(name) for name in ("card", "mentions", "anchors")]
    needed = parts if search == "yes" else parts[:2]  # the anchors only for the shards
    if page is None or any(p is None for p in needed):
        raise TeieditionError("the HTML stylesheet did not return one page, its card, "
                              "its mentions and its search passages")
    card, mentions, anchors = (p.item_at(0).string_value if p is not None and p.size else ""
                               for p in parts)
    return page, card, mentions, anchors


def _call_html(template: str, edition_xml: str, size: int, search: str = "yes",
               timer: Timer = _untimed) -> list[str]:
    with _html_stylesheet(edition_xml, size, search, timer) as exe:
        exe.set_result_as_raw_value(True)
        try:
            with timer(f"Saxon transform: {template}"):
                value = exe.call_template_returning_value(f"{{urn:teiedition}}{template}")
        finally:
            exe.set_result_as_raw_value(False)
    return [] if value is None else [value.item_at(i).string_value
                                     for i in range(value.size)]
