<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and dates in the text. A name whose @ref resolves in the register becomes a link to its
  entry; its normalised name is shown as a tooltip on hover and on keyboard focus by CSS alone
  (the .tip span is also the link's accessible description). Dates show their ISO value the
  same way. Names inside another link stay plain (HTML forbids nested links).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <!-- a newspaper or journal that points into the register (listBibl) -->
  <xsl:template match="tei:title[@ref]" priority="2">
    <xsl:variable name="entry" select="te:entry(., $te:register)"/>
    <xsl:choose>
      <xsl:when test="exists($entry)">
        <xsl:call-template name="te:name"><xsl:with-param name="entry" select="$entry"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:persName | tei:orgName | tei:placeName | tei:geogName | tei:name | tei:rs">
    <xsl:call-template name="te:name"/>
  </xsl:template>

  <xsl:template name="te:name">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="entry" as="element()?" select="te:entry(., $te:register)"/>
    <xsl:variable name="uncertain" select="@cert = ('low', 'medium')"/>
    <xsl:variable name="kind" select="if ($entry) then te:entry-kind($entry) else te:token(local-name())"/>
    <xsl:variable name="class" select="string-join(('ent', 'ent-' || $kind, @cert[$uncertain] ! ('cert-' || .)), ' ')"/>
    <xsl:choose>
      <xsl:when test="exists($entry) and not($in-link)">
        <xsl:variable name="tip" select="'tip-' || te:node-id(.)"/>
        <a class="{$class}" href="{$te:register-files($kind)}#{encode-for-uri($entry/@xml:id)}" aria-describedby="{$tip}">
          <xsl:call-template name="te:lang-att"/>
          <xsl:variable name="content">
            <xsl:apply-templates>
              <xsl:with-param name="inline" tunnel="yes" select="true()"/>
              <xsl:with-param name="in-link" tunnel="yes" select="true()"/>
            </xsl:apply-templates>
          </xsl:variable>
          <xsl:choose>
            <xsl:when test="self::tei:title"><cite class="title title-j"><xsl:sequence select="$content"/></cite></xsl:when>
            <xsl:otherwise><xsl:sequence select="$content"/></xsl:otherwise>
          </xsl:choose>
          <span class="tip" role="tooltip" id="{$tip}">
            <xsl:value-of select="te:reg-name($entry)"/>
            <xsl:if test="$uncertain">
              <xsl:value-of select="' (' || te:label('uncertain', $te:ui) || ')'"/>
            </xsl:if>
          </span>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="te:inline"><xsl:with-param name="class" select="$class"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:date | tei:time | tei:origDate">
    <xsl:call-template name="te:date"/>
  </xsl:template>

  <!-- A date: <time datetime> when its ISO value is one HTML accepts, with the value shown
       on hover and focus. -->
  <xsl:template name="te:date">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="value" select="te:date-value(.)"/>
    <xsl:variable name="dt" select="te:html-datetime(@when)"/>
    <xsl:choose>
      <xsl:when test="empty($value)">
        <xsl:call-template name="te:inline"><xsl:with-param name="class" select="'date'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="tip" select="'tip-' || te:node-id(.)"/>
        <xsl:element name="{if ($dt) then 'time' else 'span'}">
          <xsl:if test="$dt"><xsl:attribute name="datetime" select="$dt"/></xsl:if>
          <xsl:attribute name="class" select="string-join(('date', @cert[. = ('low', 'medium')] ! ('cert-' || .)), ' ')"/>
          <xsl:if test="not($in-link)">
            <xsl:attribute name="tabindex" select="0"/>
            <xsl:attribute name="aria-describedby" select="$tip"/>
          </xsl:if>
          <xsl:apply-templates>
            <xsl:with-param name="inline" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
          <xsl:if test="not($in-link)">
            <span class="tip" role="tooltip" id="{$tip}">
              <xsl:value-of select="$value"/>
              <xsl:if test="@cert = ('low', 'medium')">
                <xsl:value-of select="' (' || te:label('certainty', $te:ui) || ': ' || @cert || ')'"/>
              </xsl:if>
            </span>
          </xsl:if>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
