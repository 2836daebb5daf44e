<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes. A note inside running text (or placed at the foot or end) becomes a numbered marker
  linking to the page's list of notes, which links back. A note standing between blocks (ELTeC
  keeps its notes in <back><div type="notes">, pointed at by empty <ref target="#id"/>) is
  rendered where it stands, with links back to every reference to it.
  A critical apparatus entry (app) shows its lemma in the text with a lettered marker, and
  its readings in the page's list of variants (the entry in words: te:app-entry).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <xsl:key name="te:ref-to" match="tei:ref | tei:ptr" use="tokenize(normalize-space(@target), ' ')"/>

  <xsl:function name="te:note-inline" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="$note/@place = ('foot', 'end', 'bottom', 'margin', 'inline')
        or exists($note/ancestor::*[self::tei:p or self::tei:l or self::tei:head or self::tei:ab
           or self::tei:item or self::tei:cell or self::tei:label or self::tei:quote or self::tei:titlePart])"/>
  </xsl:function>

  <xsl:function name="te:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if ($note/@n) then string($note/@n) else string($note ! accumulator-before('te:note-count'))"/>
  </xsl:function>

  <xsl:template name="te:note-marker">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <sup class="noteref">
      <xsl:choose>
        <xsl:when test="$in-link"><xsl:value-of select="te:note-number($note)"/></xsl:when>
        <xsl:otherwise>
          <a href="#{te:note-id($note)}" id="ref-{te:node-id(.)}"
             title="{te:label('footnote', $te:ui)} {te:note-number($note)}"><xsl:value-of select="te:note-number($note)"/></a>
        </xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>

  <xsl:template match="tei:note">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="te:note-inline(.)">
        <xsl:call-template name="te:note-marker"><xsl:with-param name="note" select="."/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if ($inline) then 'span' else 'div'}">
          <xsl:attribute name="class" select="'note'"/>
          <xsl:attribute name="id" select="te:note-id(.)"/>
          <xsl:call-template name="te:lang-att"/>
          <span class="note-n"><xsl:value-of select="te:note-number(.)"/></span>
          <xsl:text> </xsl:text>
          <xsl:apply-templates>
            <xsl:with-param name="inline" tunnel="yes" select="$inline"/>
            <xsl:with-param name="numbered" tunnel="yes" select="false()"/>
          </xsl:apply-templates>
          <xsl:call-template name="te:note-backlinks"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="te:note-backlinks">
    <xsl:for-each select="key('te:ref-to', '#' || te:note-id(.), ancestor::tei:TEI[1])">
      <xsl:text> </xsl:text>
      <a class="backref" href="#ref-{te:node-id(.)}" title="{te:label('back-to-text', $te:ui)}">↩</a>
    </xsl:for-each>
  </xsl:template>

  <!-- an app that lists no readings: its lemma, no entry (te:app-lists) -->
  <xsl:template match="tei:app[not(te:app-lists(.))]">
    <xsl:apply-templates select="te:app-text(.)/node()"/>
    <xsl:value-of select="te:app-lemma-end(.)"/>
  </xsl:template>

  <xsl:template match="tei:app">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <span class="app">
      <xsl:apply-templates select="te:app-text(.)/node()">
        <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </span>
    <sup class="appref">
      <xsl:choose>
        <xsl:when test="$in-link"><xsl:value-of select="te:app-mark(.)"/></xsl:when>
        <xsl:otherwise>
          <a href="#{te:app-id(.)}" id="ref-{te:node-id(.)}" title="{te:app-entry(.)}"><xsl:value-of select="te:app-mark(.)"/></a>
        </xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>

  <!-- The page's list of variant readings (the critical apparatus). -->
  <xsl:template name="te:apparatus-section">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="apps" select="$tei/tei:text//tei:app[te:app-lists(.)]"/>
    <xsl:if test="$apps">
      <section class="notes apparatus" aria-labelledby="apparatus-h">
        <h2 id="apparatus-h"><xsl:value-of select="te:label('apparatus', $te:ui)"/></h2>
        <ol class="notes">
          <xsl:for-each select="$apps">
            <li id="{te:app-id(.)}">
              <span class="note-n"><xsl:value-of select="te:app-mark(.)"/></span>
              <xsl:text> </xsl:text>
              <xsl:value-of select="te:app-entry(.)"/>
              <xsl:text> </xsl:text>
              <a class="backref" href="#ref-{te:node-id(.)}" title="{te:label('back-to-text', $te:ui)}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The page's list of notes that stood inside running text. -->
  <xsl:template name="te:notes-section">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="notes" select="$tei/tei:text//tei:note[te:note-inline(.)]"/>
    <xsl:if test="$notes">
      <section class="notes" aria-labelledby="notes-h">
        <h2 id="notes-h"><xsl:value-of select="te:label('notes', $te:ui)"/></h2>
        <ol class="notes">
          <xsl:for-each select="$notes">
            <li id="{te:note-id(.)}">
              <xsl:call-template name="te:lang-att"/>
              <span class="note-n"><xsl:value-of select="te:note-number(.)"/></span>
              <xsl:text> </xsl:text>
              <xsl:apply-templates>
                <xsl:with-param name="inline" tunnel="yes" select="false()"/>
                <xsl:with-param name="numbered" tunnel="yes" select="false()"/>
                <xsl:with-param name="in-link" tunnel="yes" select="false()"/>
              </xsl:apply-templates>
              <xsl:text> </xsl:text>
              <a class="backref" href="#ref-{te:node-id(.)}" title="{te:label('back-to-text', $te:ui)}">↩</a>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
