<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dictionaries (the TEI's dictionaries module): an entry, a sense and a related entry (re) are
  blocks; the words of each (a sense's number, @n, in bold, then its dates, forms,
  definitions, sources) run in one paragraph, set in by te:dict-depth as in HTML, and
  its own senses follow, each a block of its own; an entry's headword (the orth of its first
  form) in bold. (Without this, nested senses ran into one paragraph and lost their numbers.)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    xmlns:tp="urn:teiedition:typst"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="entry | entryFree | superEntry | sense | re" mode="blk">
    <xsl:variable name="e" select="."/>
    <!-- an entry after an entry: apart (the HTML edition's .tei-entry margin) -->
    <xsl:if test="(self::entry | self::entryFree | self::superEntry)
                  and preceding-sibling::*[1][self::entry | self::entryFree | self::superEntry]">
      <xsl:sequence select="tp:call('entry-break', ())"/>
    </xsl:if>
    <xsl:for-each-group select="node()[not(self::comment() | self::processing-instruction())]"
        group-adjacent="te:is-dict-block(.)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:apply-templates select="current-group()" mode="blk"/>
        </xsl:when>
        <xsl:when test="current-group()/self::* or normalize-space(string-join(current-group()))">
          <xsl:variable name="number" as="xs:string*"
              select="for $n in string-join(te:sense-numbers($e), ' ')[. ne '']
                          [empty(current-group()[1]/preceding-sibling::*[te:is-dict-block(.)])]
                      return (tp:call('bf', tp:str($n)), tp:str(' '))"/>
          <xsl:variable name="words" as="xs:string*">
            <xsl:apply-templates select="current-group()" mode="inl"/>
          </xsl:variable>
          <xsl:variable name="args" select="tp:tidy(($number, $words))"/>
          <xsl:sequence select="tp:call('dict-para', ('depth: ' || te:dict-depth($e), $args))
              [exists($args)]"/>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template match="orth[te:is-headword(.)]" mode="inl">
    <xsl:sequence select="tp:wrap('bf', .)"/>
  </xsl:template>

</xsl:stylesheet>
