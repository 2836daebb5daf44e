<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML edition: the entry point that teiedition.publish.html runs once per edition.

  Input (built by Python from hardened-parsed TEI, never read from a path by Saxon):
    <te:edition title="...">
      <te:text file="name.html"><TEI>...</TEI></te:text>   (one per text)
      <te:register><TEI>...</TEI></te:register>            (optional)
    </te:edition>
  Output of the named template te:build: a sequence of strings, file name then content, for
  every page; Python writes them (atomically, inside the output directory).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="labels.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="metadata.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="foreign.xsl"/>
  <xsl:include href="names.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="dictionary.xsl"/>
  <xsl:include href="register.xsl"/>
  <xsl:include href="search.xsl"/>

  <xsl:global-context-item as="document-node(element(te:edition))" use="required"/>
  <xsl:mode use-accumulators="#all" on-no-match="text-only-copy"/>

  <!-- 'yes': the search in shards (works from file://); 'pagefind': a search page for
       Pagefind's index (over HTTP); 'no': no search page and index (the pages alone) -->
  <xsl:param name="te:search" as="xs:string" select="'yes'"/>

  <xsl:variable name="te:edition" select="/te:edition" as="element(te:edition)"/>
  <xsl:variable name="te:texts" select="$te:edition/te:text[tei:TEI]" as="element(te:text)*"/>
  <xsl:variable name="te:register" select="$te:edition/te:register[tei:TEI]" as="element(te:register)?"/>
  <xsl:variable name="te:lang" select="(($te:texts/tei:TEI) ! te:lang(.), 'en')[1]" as="xs:string"/>
  <xsl:variable name="te:ui" select="te:ui-lang($te:lang)" as="xs:string"/>
  <xsl:variable name="te:title" as="xs:string" select="
      if (normalize-space($te:edition/@title)) then normalize-space($te:edition/@title)
      else if (count($te:texts) = 1) then te:title($te:texts/tei:TEI)
      else te:label('edition', $te:ui)"/>
  <xsl:variable name="te:paragraph-label" as="xs:string" select="te:label('paragraph', $te:ui)"/>
  <xsl:variable name="te:page-label" as="xs:string" select="te:label('page', $te:ui)"/>
  <xsl:variable name="te:register-files" as="map(xs:string, xs:string)"
      select="map{'person': 'persons.html', 'org': 'organisations.html', 'place': 'places.html',
        'bibl': 'journals.html'}"/>
  <!-- the label key of each register kind -->
  <xsl:variable name="te:kind-labels" as="map(xs:string, xs:string)"
      select="map{'person': 'persons', 'org': 'orgs', 'place': 'places', 'bibl': 'journals'}"/>

  <!-- Pages are put into Unicode NFC by Python (teiedition.publish.html.nfc): a quick check
       that almost always finds them normalised already, where Saxon's normalising serialiser
       cost a fifth of the transformation. -->
  <xsl:variable name="te:html-output" as="map(*)" select="map{'method': 'html', 'html-version': 5.0,
      'include-content-type': false(), 'indent': false(), 'encoding': 'UTF-8'}"/>

  <xsl:template name="te:build" as="xs:string*">
    <xsl:for-each select="$te:texts">
      <xsl:sequence select="string(@file)"/>
      <xsl:variable name="page"><xsl:call-template name="te:text-page"/></xsl:variable>
      <xsl:sequence select="serialize($page, $te:html-output)"/>
    </xsl:for-each>
    <xsl:sequence select="'index.html'"/>
    <xsl:variable name="index"><xsl:call-template name="te:index-page"/></xsl:variable>
    <xsl:sequence select="serialize($index, $te:html-output)"/>
    <xsl:for-each select="$te:register-kinds">
      <xsl:sequence select="$te:register-files(.)"/>
      <xsl:variable name="page"><xsl:call-template name="te:register-page"><xsl:with-param name="kind" select="."/></xsl:call-template></xsl:variable>
      <xsl:sequence select="serialize($page, $te:html-output)"/>
    </xsl:for-each>
    <xsl:if test="$te:search != 'no'">
      <xsl:sequence select="'search.html'"/>
      <xsl:variable name="search"><xsl:call-template name="te:search-page"/></xsl:variable>
      <xsl:sequence select="serialize($search, $te:html-output)"/>
    </xsl:if>
  </xsl:template>

  <!-- Apply templates to a TEI fragment (used by unit tests on small pieces of TEI):
       the global context item's first text is rendered without the page around it. -->
  <xsl:template name="te:fragment">
    <xsl:variable name="html">
      <div class="fragment"><xsl:apply-templates select="$te:texts[1]/tei:TEI/tei:text"/></div>
    </xsl:variable>
    <xsl:sequence select="serialize($html, $te:html-output)"/>
  </xsl:template>

</xsl:stylesheet>
