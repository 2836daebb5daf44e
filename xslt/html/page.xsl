<?xml version="1.0" encoding="UTF-8"?>
<!--
  Page layout shared by every page: head with shipped CSS only, skip link, banner with the
  edition's navigation and a search form, main landmark, footer. No external requests.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <xsl:variable name="te:register-kinds" as="xs:string*" select="
      ('person', 'org', 'place', 'bibl')[some $k in . satisfies exists($te:register/tei:TEI//tei:*[local-name() = $k][@xml:id])]"/>

  <xsl:template name="te:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="lang" as="xs:string?" select="$te:lang"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <!-- true: the content is the text page's article (te:text-article, the context te:text) -->
    <xsl:param name="text-page" as="xs:boolean" select="false()"/>
    <html lang="{($lang, $te:lang)[1]}" dir="{if (te:rtl(($lang, $te:lang)[1])) then 'rtl' else 'ltr'}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="teiedition"/>
        <title><xsl:value-of select="if ($title = $te:title) then $title else $title || ' – ' || $te:title"/></title>
        <link rel="stylesheet" href="assets/style.css"/>
        <link rel="stylesheet" href="assets/print.css" media="print"/>
      </head>
      <body>
        <a class="skip" href="#main" lang="{$te:ui}"><xsl:value-of select="te:label('skip', $te:ui)"/></a>
        <header class="site" lang="{$te:ui}">
          <p class="site-title"><a href="index.html"><xsl:value-of select="$te:title"/></a></p>
          <nav class="site-nav" aria-label="{te:label('nav', $te:ui)}">
            <ul>
              <xsl:call-template name="te:nav-item">
                <xsl:with-param name="href" select="'index.html'"/><xsl:with-param name="label" select="te:label('texts', $te:ui)"/>
                <xsl:with-param name="current" select="$file"/>
              </xsl:call-template>
              <xsl:for-each select="$te:register-kinds">
                <xsl:call-template name="te:nav-item">
                  <xsl:with-param name="href" select="$te:register-files(current())"/>
                  <xsl:with-param name="label" select="te:label($te:kind-labels(current()), $te:ui)"/>
                  <xsl:with-param name="current" select="$file"/>
                </xsl:call-template>
              </xsl:for-each>
              <xsl:if test="$te:search != 'no'">
                <xsl:call-template name="te:nav-item">
                  <xsl:with-param name="href" select="'search.html'"/><xsl:with-param name="label" select="te:label('search', $te:ui)"/>
                  <xsl:with-param name="current" select="$file"/>
                </xsl:call-template>
              </xsl:if>
            </ul>
          </nav>
          <xsl:if test="$file != 'search.html' and $te:search != 'no'">
            <form class="searchbox" role="search" action="search.html" method="get">
              <label for="site-q"><xsl:value-of select="te:label('search-words', $te:ui)"/></label>
              <input type="search" id="site-q" name="q"/>
              <button type="submit"><xsl:value-of select="te:label('search', $te:ui)"/></button>
            </form>
          </xsl:if>
        </header>
        <main id="main" tabindex="-1">
          <xsl:choose>
            <!-- a text's page writes its article straight into the page: a temporary tree
                 of the whole text, copied here, cost a fifth of the page's transformation -->
            <xsl:when test="$text-page"><xsl:call-template name="te:text-article"/></xsl:when>
            <xsl:otherwise><xsl:sequence select="$content"/></xsl:otherwise>
          </xsl:choose>
        </main>
        <footer class="site" lang="{$te:ui}">
          <p><xsl:value-of select="te:label('built', $te:ui)"/></p>
        </footer>
        <xsl:for-each select="$scripts"><script src="{.}"></script></xsl:for-each>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="te:nav-item">
    <xsl:param name="href" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="current" as="xs:string"/>
    <li>
      <a href="{$href}">
        <xsl:if test="$href = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
        <xsl:value-of select="$label"/>
      </a>
    </li>
  </xsl:template>

  <!-- ===== one page per text ===== -->

  <xsl:template name="te:text-page">
    <xsl:variable name="tei" select="tei:TEI" as="element(tei:TEI)"/>
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="te:title($tei)"/>
      <xsl:with-param name="file" select="string(@file)"/>
      <xsl:with-param name="lang" select="te:lang($tei)"/>
      <xsl:with-param name="text-page" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The article of a text's page; the context is its te:text. -->
  <xsl:template name="te:text-article">
    <xsl:variable name="tei" select="tei:TEI" as="element(tei:TEI)"/>
    <xsl:variable name="has-lb" select="exists($tei/tei:text//tei:lb)"/>
    <xsl:variable name="toc" as="element()*">
      <xsl:for-each select="$tei/tei:text">
        <xsl:call-template name="te:toc"><xsl:with-param name="parent" select="."/></xsl:call-template>
      </xsl:for-each>
    </xsl:variable>
    <article class="text-page" aria-labelledby="title-h">
    <header class="text-head">
      <h1 id="title-h"><xsl:value-of select="te:title($tei)"/></h1>
      <xsl:for-each select="te:subtitle($tei)"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
      <xsl:if test="exists(te:authors($tei))">
        <p class="byline"><xsl:value-of select="string-join(te:authors($tei), '; ')"/></p>
      </xsl:if>
      <p class="about" lang="{$te:ui}"><a href="index.html#{te:token(@file)}"><xsl:value-of select="te:label('header', $te:ui)"/></a></p>
    </header>
    <xsl:if test="$has-lb">
      <input type="radio" class="view-input" name="view" id="view-reading" checked="checked"/>
      <input type="radio" class="view-input" name="view" id="view-dipl"/>
      <div class="viewbar" role="group" aria-labelledby="viewbar-l" lang="{$te:ui}">
        <span id="viewbar-l"><xsl:value-of select="te:label('view', $te:ui)"/>:</span>
        <xsl:text> </xsl:text>
        <label for="view-reading" class="view-label"><xsl:value-of select="te:label('reading', $te:ui)"/></label>
        <xsl:text> </xsl:text>
        <label for="view-dipl" class="view-label"><xsl:value-of select="te:label('diplomatic', $te:ui)"/></label>
      </div>
    </xsl:if>
    <xsl:if test="exists($toc)">
      <nav class="toc" aria-labelledby="toc-h" lang="{$te:ui}">
        <h2 id="toc-h"><xsl:value-of select="te:label('contents', $te:ui)"/></h2>
        <ol><xsl:sequence select="$toc"/></ol>
      </nav>
    </xsl:if>
    <div class="text" id="text">
      <!-- a documentary transcription without a text (sourceDoc: surfaces, zones, lines) is
           the text of its page -->
      <xsl:apply-templates select="$tei/tei:text, $tei/tei:sourceDoc[empty($tei/tei:text)]"/>
    </div>
    <xsl:call-template name="te:notes-section"><xsl:with-param name="tei" select="$tei"/></xsl:call-template>
    <xsl:call-template name="te:apparatus-section"><xsl:with-param name="tei" select="$tei"/></xsl:call-template>
    </article>
  </xsl:template>

  <!-- Table of contents from the headed divisions; headless ones (groups) are looked through. -->
  <xsl:template name="te:toc" as="element()*">
    <xsl:param name="parent" as="element()"/>
    <xsl:for-each select="$parent/*[te:is-div(.) or self::tei:front or self::tei:body or self::tei:back
        or self::tei:group or self::tei:text]">
      <xsl:choose>
        <xsl:when test="te:is-div(.) and tei:head">
          <xsl:variable name="sub" as="element()*">
            <xsl:call-template name="te:toc"><xsl:with-param name="parent" select="."/></xsl:call-template>
          </xsl:variable>
          <li>
            <a href="#{te:div-id(.)}"><xsl:value-of select="te:plain(tei:head[1])"/></a>
            <xsl:if test="exists($sub)"><ol><xsl:sequence select="$sub"/></ol></xsl:if>
          </li>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="te:toc"><xsl:with-param name="parent" select="."/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
