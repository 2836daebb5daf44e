<?xml version="1.0" encoding="UTF-8"?>
<!--
  Client-side search without a server. At build time the stylesheet lists the passages a
  result can point at (paragraphs, verse lines, headings; Python adds their reading text) and
  the register's names; teiedition.publish.html turns them into search-index.js, a script that
  sets a global (no network request, so it works from file://). assets/search.js looks for the
  query's words in the passages' text (no word list is built: the index is the text).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <!-- The passages a search result can point at: paragraphs, verse lines, section heads. -->
  <xsl:function name="te:search-units" as="element()*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <!-- one pass in document order (a union of four paths is four passes and a merge) -->
    <xsl:sequence select="$tei/tei:text//*[self::tei:p[not(ancestor::tei:note)] or self::tei:l
        or self::tei:head[te:is-div(..)] or self::tei:titlePage]"/>
  </xsl:function>

  <!-- The anchors of the search units, one per line: text number, anchor. Their reading text
       (te:plain) is added by teiedition.publish.html.search_units_tsv from the parsed TEI, in
       the same order (te:search-units), which is much faster than string work in XSLT. -->
  <xsl:function name="te:search-anchors-tsv" as="xs:string">
    <xsl:variable name="lines" as="xs:string*">
      <xsl:for-each select="$te:texts">
        <xsl:variable name="t" select="string(position() - 1)"/>
        <xsl:for-each select="te:search-units(tei:TEI)">
          <!-- a paragraph without xml:id (most passages): its number, without a function call -->
          <xsl:sequence select="$t || '&#9;' || (if (self::tei:p and not(@xml:id))
              then 'p' || (@te-n, accumulator-before('te:p-count'))[1] else te:own-anchor(.))"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join($lines, '&#10;')"/>
  </xsl:function>

  <!-- The texts and the register's names (for search results), as JSON. -->
  <xsl:function name="te:search-meta-json" as="xs:string">
    <xsl:sequence select="serialize(map{
        'texts': array{ $te:texts ! [string(@file), te:title(tei:TEI)] },
        'names': array{ $te:register/tei:TEI//tei:*[local-name() = ('person', 'org', 'place', 'bibl')][@xml:id]
            ! [te:reg-name(.), $te:register-files(local-name()) || '#' || @xml:id, local-name(), array{te:variants(.)}] }
      }, map{'method': 'json', 'encoding': 'UTF-8'})"/>
  </xsl:function>

  <!-- The anchor of a unit itself (te:anchor gives the host of a node inside it). -->
  <xsl:function name="te:own-anchor" as="xs:string">
    <xsl:param name="u" as="element()"/>
    <xsl:sequence select="if ($u/self::tei:p) then te:p-id($u) else if ($u/self::tei:l) then te:l-id($u)
        else if ($u/self::tei:head) then te:div-id($u/..) else if ($u/self::tei:titlePage) then 'titlepage' else 'text'"/>
  </xsl:function>

  <xsl:template name="te:search-page">
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="te:label('search', $te:ui)"/>
      <xsl:with-param name="file" select="'search.html'"/>
      <xsl:with-param name="lang" select="$te:ui"/>
      <xsl:with-param name="scripts" select="if ($te:search = 'pagefind')
          then ('assets/search-page.js', 'assets/search-pagefind.js')
          else ('search-index.js', 'assets/search-page.js', 'assets/search.js')"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="te:label('search', $te:ui)"/></h1>
        <form class="searchbox search-main" role="search" action="search.html" method="get">
          <label for="q"><xsl:value-of select="te:label('search-words', $te:ui)"/></label>
          <input type="search" id="q" name="q"/>
          <button type="submit"><xsl:value-of select="te:label('search', $te:ui)"/></button>
        </form>
        <noscript><p><xsl:value-of select="te:label('noscript', $te:ui)"/></p></noscript>
        <section aria-labelledby="results-h">
          <h2 id="results-h"><xsl:value-of select="te:label('results', $te:ui)"/></h2>
          <div id="results" aria-live="polite"></div>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
