<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dictionaries (the TEI's dictionaries module), as in print: an entry, a sense and a related
  entry (re) are blocks; the words of each (a sense's number, @n, in bold, then its dates,
  forms, definitions, sources) run in one line, set one step in for each sense around it,
  its own senses follow, each a block of its own; an entry's headword (the orth of its first
  form) in bold. (Without this, each element was a line of its own and the senses' numbers
  were lost.)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:entry | tei:entryFree | tei:superEntry | tei:sense | tei:re">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="e" select="."/>
    <xsl:element name="{if ($inline) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:call-template name="te:lang-att"/>
      <xsl:for-each-group select="node()[not(self::comment() | self::processing-instruction())]"
          group-adjacent="te:is-dict-block(.)">
        <xsl:choose>
          <xsl:when test="current-grouping-key()">
            <xsl:apply-templates select="current-group()"/>
          </xsl:when>
          <xsl:when test="current-group()/self::* or normalize-space(string-join(current-group()))">
            <xsl:element name="{if ($inline) then 'span' else 'p'}">
              <xsl:attribute name="class" select="'dict'"/>
              <xsl:variable name="numbers" select="te:sense-numbers($e)
                  [empty(current-group()[1]/preceding-sibling::*[te:is-dict-block(.)])]"/>
              <xsl:if test="exists($numbers)">
                <b class="sense-n"><xsl:value-of select="$numbers" separator=" "/></b>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:apply-templates select="current-group()">
                <xsl:with-param name="inline" tunnel="yes" select="true()"/>
              </xsl:apply-templates>
            </xsl:element>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each-group>
    </xsl:element>
  </xsl:template>

  <!-- a citation in an entry (an example with its source, a translation) runs in its
       sense's line, as in print, instead of breaking it as a block quotation -->
  <xsl:template match="tei:cit[ancestor::tei:entry | ancestor::tei:entryFree | ancestor::tei:superEntry]">
    <xsl:call-template name="te:inline">
      <xsl:with-param name="class" select="'cit'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:orth[te:is-headword(.)]">
    <b class="tei-orth headword"><xsl:apply-templates/></b>
  </xsl:template>

</xsl:stylesheet>
