<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's index page: for each text its title, author, date, source, translator,
  licence and how it was encoded, all read from the teiHeader.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <xsl:template name="te:index-page">
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="$te:title"/>
      <xsl:with-param name="file" select="'index.html'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="$te:title"/></h1>
        <xsl:for-each select="$te:texts">
          <xsl:call-template name="te:text-card"/>
        </xsl:for-each>
        <xsl:if test="exists($te:register-kinds)">
          <section class="card" aria-labelledby="registers-h" lang="{$te:ui}">
            <h2 id="registers-h"><xsl:value-of select="te:label('register', $te:ui)"/></h2>
            <ul>
              <xsl:for-each select="$te:register-kinds">
                <li><a href="{$te:register-files(.)}"><xsl:value-of select="te:label($te:kind-labels(current()), $te:ui)"/></a>
                  (<xsl:value-of select="let $k := . return count($te:register/tei:TEI//tei:*[local-name() = $k][@xml:id])"/>
                  <xsl:text> </xsl:text><xsl:value-of select="te:label('entries', $te:ui)"/>)</li>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A text's card: as a worker of `teiedition build` rendered it (te:card, when the
       edition is assembled from texts published one at a time), else from its header. -->
  <xsl:template name="te:text-card">
    <xsl:choose>
      <xsl:when test="te:card"><xsl:copy-of select="te:card/node()" copy-namespaces="no"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="te:header-card"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="te:header-card">
    <xsl:variable name="tei" select="tei:TEI" as="element(tei:TEI)"/>
    <xsl:variable name="h" select="$tei/tei:teiHeader"/>
    <xsl:variable name="id" select="te:token(@file)"/>
    <xsl:variable name="heading-level" select="if (count($te:texts) = 1) then 'h2' else 'h2'"/>
    <section class="card text-card" id="{$id}" aria-labelledby="{$id}-h">
      <xsl:element name="{$heading-level}">
        <xsl:attribute name="id" select="$id || '-h'"/>
        <a href="{@file}"><xsl:value-of select="te:title($tei)"/></a>
      </xsl:element>
      <xsl:for-each select="te:subtitle($tei)"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
      <dl class="meta" lang="{$te:ui}">
        <xsl:call-template name="te:meta-row">
          <xsl:with-param name="label" select="te:label('author', $te:ui)"/>
          <xsl:with-param name="value" select="string-join(te:authors($tei), '; ')"/>
        </xsl:call-template>
        <xsl:variable name="date" select="te:date($tei)"/>
        <xsl:if test="$date">
          <div><dt><xsl:value-of select="te:label('date', $te:ui)"/></dt>
            <dd><xsl:apply-templates select="$date"><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates></dd></div>
        </xsl:if>
        <xsl:variable name="sources" select="$h/tei:fileDesc/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:biblFull | tei:p | tei:msDesc)
            ! te:bibl-text(., .//tei:note[@type = 'publication'])[. != '']"/>
        <xsl:if test="exists($sources)">
          <div><dt><xsl:value-of select="te:label('source', $te:ui)"/></dt>
            <dd><xsl:for-each select="$sources"><span class="blk"><xsl:value-of select="."/></span></xsl:for-each></dd></div>
        </xsl:if>
        <xsl:for-each select="$h/tei:fileDesc/tei:sourceDesc//tei:note[@type = 'publication']">
          <xsl:call-template name="te:meta-row">
            <xsl:with-param name="label" select="te:label('published', $te:ui)"/>
            <xsl:with-param name="value" select="normalize-space(.)"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="te:meta-row">
          <xsl:with-param name="label" select="te:label('translator', $te:ui)"/>
          <xsl:with-param name="value" select="string-join(te:translators($tei), '; ')"/>
        </xsl:call-template>
        <!-- the edition and its publication (teiedition.toml fills them for our TEI) -->
        <xsl:variable name="ps" select="$h/tei:fileDesc/tei:publicationStmt"/>
        <xsl:call-template name="te:meta-row">
          <xsl:with-param name="label" select="te:label('edition', $te:ui)"/>
          <xsl:with-param name="value" select="te:edition-title($tei)"/>
        </xsl:call-template>
        <xsl:call-template name="te:meta-row">
          <xsl:with-param name="label" select="te:label('publisher', $te:ui)"/>
          <xsl:with-param name="value" select="te:imprint($tei)"/>
        </xsl:call-template>
        <xsl:for-each select="($ps/tei:idno[@type = ('URI', 'URL')] ! te:safe-href(normalize-space()))[1]">
          <div><dt><xsl:value-of select="te:label('address', $te:ui)"/></dt><dd><a href="{.}"><xsl:value-of select="."/></a></dd></div>
        </xsl:for-each>
        <xsl:variable name="lic" select="te:licence($tei)"/>
        <xsl:if test="$lic">
          <div><dt><xsl:value-of select="te:label('licence', $te:ui)"/></dt>
            <dd>
              <xsl:variable name="text" select="normalize-space($lic)"/>
              <xsl:variable name="href" select="te:safe-href($lic/@target)"/>
              <xsl:choose>
                <xsl:when test="$href">
                  <xsl:variable name="cc" select="analyze-string($href, 'creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/([0-9.]+)')//*:group"/>
                  <a href="{$href}"><xsl:value-of select="if ($text) then $text
                      else if ($cc) then (if ($cc[1] = 'publicdomain') then upper-case($cc[2]) else 'CC ' || upper-case($cc[2])) || ' ' || $cc[3]
                      else $href"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
              </xsl:choose>
            </dd></div>
        </xsl:if>
        <xsl:call-template name="te:meta-row">
          <xsl:with-param name="label" select="te:label('extent', $te:ui)"/>
          <xsl:with-param name="value" select="string-join((
              count($tei/tei:text//tei:p[not(ancestor::tei:note)]) || ' ' || te:label('paragraphs', $te:ui),
              (count($tei/tei:text//tei:pb)[. gt 0]) ! (. || ' ' || te:label('pages', $te:ui)),
              (count($tei/tei:text//*[@ref][self::tei:persName or self::tei:orgName or self::tei:placeName or self::tei:rs])[. gt 0])
                 ! (. || ' ' || te:label('names', $te:ui))), ', ')"/>
        </xsl:call-template>
        <xsl:call-template name="te:meta-row">
          <xsl:with-param name="label" select="te:label('encoder', $te:ui)"/>
          <xsl:with-param name="value" select="string-join($h/tei:fileDesc/tei:titleStmt/tei:respStmt[not(matches(string(tei:resp), 'transl|översätt', 'i'))]
              ! (normalize-space(tei:resp) || ': ' || string-join((tei:name | tei:persName | tei:orgName) ! normalize-space(.), ', ')), '; ')"/>
        </xsl:call-template>
      </dl>
      <xsl:call-template name="te:encoding"><xsl:with-param name="header" select="$h"/></xsl:call-template>
      <p><a href="{@file}" lang="{$te:ui}"><xsl:value-of select="te:label('open-text', $te:ui)"/>: <xsl:value-of select="te:title($tei)"/></a></p>
    </section>
  </xsl:template>

  <xsl:template name="te:meta-row">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:if test="normalize-space($value)">
      <div><dt><xsl:value-of select="$label"/></dt><dd><xsl:value-of select="normalize-space($value)"/></dd></div>
    </xsl:if>
  </xsl:template>

  <!-- How the text was encoded: the application, the editorial decisions, the revisions. -->
  <xsl:template name="te:encoding">
    <xsl:param name="header" as="element(tei:teiHeader)?"/>
    <xsl:variable name="enc" select="$header/tei:encodingDesc"/>
    <xsl:variable name="apps" select="$enc//tei:application"/>
    <xsl:variable name="decls" select="$enc/tei:editorialDecl/* | $enc/tei:projectDesc | $enc/tei:samplingDecl"/>
    <xsl:variable name="changes" select="$header/tei:revisionDesc//tei:change"/>
    <xsl:if test="$apps or $decls[normalize-space()] or $changes or $enc/@n">
      <details class="encoding" lang="{$te:ui}">
        <summary><xsl:value-of select="te:label('encoding', $te:ui)"/></summary>
        <xsl:if test="$apps or $enc/@n">
          <p>
            <xsl:value-of select="string-join(($apps ! normalize-space(string-join((tei:label, @version), ' ')),
                $enc/@n ! ('profile ' || .)), '; ')"/>
          </p>
        </xsl:if>
        <xsl:if test="$decls[normalize-space()]">
          <dl>
            <xsl:for-each select="$decls[normalize-space()]">
              <div><dt><xsl:value-of select="local-name()"/></dt><dd><xsl:value-of select="normalize-space(.)"/></dd></div>
            </xsl:for-each>
          </dl>
        </xsl:if>
        <xsl:if test="$changes">
          <ul class="changes">
            <xsl:for-each select="$changes">
              <li><xsl:value-of select="normalize-space(string-join((@when, string(.)), ': '))"/></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </details>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
