<?xml version="1.0" encoding="UTF-8"?>
<!--
  Register pages (persons, organisations, places): each entry with its normalised name,
  variants and authority ids, and every mention in the edition's texts linked back to the
  paragraph it stands in ("mentioned in").
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <xsl:key name="te:mention" match="te:text//tei:text//*[@ref]" use="te:ref-ids(@ref)"/>
  <!-- the mention lists `teiedition build` made one text at a time (te:text-mentions), so
       that the edition step needs the texts' headers only -->
  <xsl:key name="te:made-mentions" match="te:text/te:mentions/te:m" use="@ref"/>

  <!-- A link for an authority id: a URL as given, or a bare id of a known authority. -->
  <xsl:function name="te:authority-href" as="xs:string?">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="v" select="normalize-space($idno)"/>
    <xsl:variable name="type" select="lower-case($idno/@type)"/>
    <xsl:sequence select="
        if (te:safe-href($v)) then te:safe-href($v)
        else if ($type = 'geonames' and matches($v, '^[0-9]+$')) then 'https://www.geonames.org/' || $v
        else if ($type = 'wikidata' and matches($v, '^Q[0-9]+$')) then 'https://www.wikidata.org/wiki/' || $v
        else if ($type = 'viaf' and matches($v, '^[0-9]+$')) then 'https://viaf.org/viaf/' || $v
        else if ($type = 'gnd' and matches($v, '^[0-9X-]+$')) then 'https://d-nb.info/gnd/' || $v
        else ()"/>
  </xsl:function>

  <xsl:template name="te:register-page">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="title" select="te:label($te:kind-labels($kind), $te:ui)"/>
    <!-- an entry merged into another (@sameAs) is listed under that one -->
    <xsl:variable name="entries" select="$te:register/tei:TEI//tei:*[local-name() = $kind][@xml:id][not(@sameAs)]"/>
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="file" select="$te:register-files($kind)"/>
      <xsl:with-param name="lang" select="($te:register/tei:TEI ! te:lang(.), $te:lang)[1]"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="$title"/></h1>
        <p class="count" lang="{$te:ui}"><xsl:value-of select="count($entries) || ' ' || te:label('entries', $te:ui)"/></p>
        <xsl:for-each select="$entries">
          <xsl:sort select="te:sort-key(., $te:lang)" collation="{te:collation($te:lang)}"/>
          <xsl:call-template name="te:register-entry"/>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="te:register-entry">
    <xsl:variable name="id" select="string(@xml:id)"/>
    <xsl:variable name="items" as="element()*">
      <xsl:choose>
        <xsl:when test="exists($te:edition/te:text/te:mentions)">
          <xsl:copy-of select="key('te:made-mentions', $id)/*" copy-namespaces="no"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="te:mention-items">
            <xsl:with-param name="mentions" select="key('te:mention', $id)"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <article class="entry entry-{local-name()}" id="{$id}" aria-labelledby="{$id}-h">
      <h2 id="{$id}-h"><xsl:value-of select="te:index-name(.)"/></h2>
      <xsl:variable name="variants" select="te:variants(.)"/>
      <xsl:if test="exists($variants)">
        <p class="variants"><span lang="{$te:ui}"><xsl:value-of select="te:label('variants', $te:ui)"/>:</span>
          <xsl:text> </xsl:text><xsl:value-of select="string-join($variants, ', ')"/></p>
      </xsl:if>
      <xsl:variable name="info" select="* except (tei:persName | tei:orgName | tei:placeName | tei:name | tei:title | tei:idno)"/>
      <xsl:for-each select="$info[normalize-space()]">
        <p class="info info-{te:token(local-name())}"><xsl:value-of select="te:plain(.)"/></p>
      </xsl:for-each>
      <xsl:for-each select="tei:idno[normalize-space()]">
        <p class="idno"><span lang="{$te:ui}"><xsl:value-of select="te:label('authority', $te:ui)"/></span>
          <xsl:value-of select="@type ! (' (' || . || ')')"/>:
          <xsl:variable name="href" select="te:authority-href(.)"/>
          <xsl:choose>
            <xsl:when test="$href"><a href="{$href}"><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:for-each>
      <h3 lang="{$te:ui}"><xsl:value-of select="te:label('mentioned-in', $te:ui)"/></h3>
      <xsl:choose>
        <xsl:when test="empty($items)">
          <p class="none" lang="{$te:ui}"><xsl:value-of select="te:label('not-mentioned', $te:ui)"/></p>
        </xsl:when>
        <xsl:otherwise>
          <ul class="mentions"><xsl:sequence select="$items"/></ul>
        </xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>

  <!-- The list items for $mentions (of one register entry): one per passage, in order. The
       groups never span texts, so the items of each text, one after the other, are those of
       the whole edition. -->
  <xsl:template name="te:mention-items" as="element()*">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:for-each-group select="$mentions" group-by="ancestor::te:text/@file || '#' || te:anchor(.)">
      <xsl:variable name="text" select="ancestor::te:text"/>
      <xsl:variable name="p" select="ancestor::tei:p[1]"/>
      <li>
        <a href="{$text/@file}#{te:anchor(.)}">
          <xsl:value-of select="te:title($text/tei:TEI)"/>
          <xsl:text>, </xsl:text>
          <xsl:value-of select="if ($p) then '¶ ' || te:p-number($p)
              else if (ancestor::tei:titlePage) then te:label('titlepage', $te:ui) else te:anchor(.)"/>
        </a>
        <xsl:text>: </xsl:text>
        <span class="forms"><xsl:value-of select="string-join(distinct-values(current-group() ! normalize-space(te:plain(.))), ', ')"/></span>
      </li>
    </xsl:for-each-group>
  </xsl:template>

  <!-- One text's mention items for every register entry it names (context: its te:text). -->
  <xsl:template name="te:text-mentions" as="element()">
    <xsl:variable name="text" select="."/>
    <te:mentions>
      <xsl:for-each select="distinct-values(tei:TEI/tei:text//*[@ref] ! te:ref-ids(@ref))">
        <xsl:if test="exists($te:register) and exists(key('te:entry', ., $te:register))">
          <te:m ref="{.}">
            <xsl:call-template name="te:mention-items">
              <xsl:with-param name="mentions" select="key('te:mention', ., $text)"/>
            </xsl:call-template>
          </te:m>
        </xsl:if>
      </xsl:for-each>
    </te:mentions>
  </xsl:template>

</xsl:stylesheet>
