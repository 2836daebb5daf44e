<?xml version="1.0" encoding="UTF-8"?>
<!--
  Footnotes: note, a ref/ptr to a note elsewhere, and the critical apparatus.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    xmlns:tp="urn:teiedition:typst"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="note" mode="inl">
    <xsl:sequence select="tp:footnote(.)"/>
  </xsl:template>

  <!-- an app that lists no readings: its lemma, no entry (te:app-lists) -->
  <xsl:template match="app[not(te:app-lists(.))]" mode="inl">
    <xsl:apply-templates select="te:app-text(.)/node()" mode="inl"/>
    <xsl:sequence select="te:app-lemma-end(.)[. ne ''] ! tp:str(.)"/>
  </xsl:template>

  <!-- critical apparatus: the lemma in the text, the entry a footnote marked with its letter -->
  <xsl:template match="app" mode="inl">
    <xsl:variable name="shown" select="te:app-text(.)"/>
    <xsl:apply-templates select="$shown/node()" mode="inl"/>
    <xsl:sequence select="tp:call('fn', ('mark: ' || tp:str(te:app-mark(.)), tp:str(te:app-entry(.))))"/>
    <!-- a note of the entry, or of a reading the text does not show: a footnote after it -->
    <xsl:apply-templates mode="inl" select="(.//note except $shown//note)
        [empty(ancestor::note except current()/ancestor::note)]"/>
  </xsl:template>

  <!-- a reference to a note elsewhere (ELTeC: notes in back/div[@type='notes']) -->
  <xsl:template match="ref[starts-with(@target, '#')] | ptr[starts-with(@target, '#')]" mode="inl">
    <xsl:variable name="target" select="key('tp:xmlid', substring(@target, 2))[1]"/>
    <xsl:choose>
      <xsl:when test="$target/self::note">
        <xsl:apply-templates select="node()" mode="inl"/>
        <xsl:sequence select="tp:footnote($target)"/>
      </xsl:when>
      <!-- a pointer to a part of the text: the part's heading, number or first words -->
      <xsl:when test="self::ptr and $target and not(node())">
        <xsl:sequence select="tp:str(te:ptr-label($target))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="node()" mode="inl"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="tp:footnote" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each select="$note/node()">
        <xsl:apply-templates select="." mode="inl"/>
        <xsl:if test="self::*[tp:is-block(.)] and following-sibling::*">
          <xsl:sequence select="'parbreak()'"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="tp:call('fn', (('mark: ' || tp:str($note/@n))[$note/@n[not(matches(., '^\d+$', ';j'))]],
                                         tp:tidy($parts)))"/>
  </xsl:function>

</xsl:stylesheet>
