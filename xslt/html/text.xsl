<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text structure: one template per TEI element, HTML5 out.

  The tunnel parameter $inline says whether we are inside phrasing content (a paragraph,
  heading, verse line ...). Block elements met there become <span>s styled as blocks, so the
  HTML stays valid whatever nesting the TEI allows. Any element without a template here keeps
  its text through the catch-all at the end: no text is ever dropped.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <!-- ===== helpers ===== -->

  <xsl:function name="te:is-div" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3
        or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7])"/>
  </xsl:function>

  <!-- An xml:lang on this element becomes lang on its HTML element. -->
  <!-- lang where the TEI says xml:lang, and dir where the direction changes (a right-to-left
       language, or a left-to-right one inside it) -->
  <xsl:template name="te:lang-att">
    <xsl:if test="@xml:lang">
      <xsl:variable name="l" select="te:lang(.)"/>
      <xsl:if test="exists($l)"><xsl:attribute name="lang" select="$l"/></xsl:if>
      <xsl:variable name="outer" select="te:rtl(te:lang(..))"/>
      <xsl:if test="te:rtl($l) ne $outer">
        <xsl:attribute name="dir" select="if (te:rtl($l)) then 'rtl' else 'ltr'"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- An element that is a block where blocks may stand, else a span styled as a block. -->
  <xsl:template name="te:block">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="name" as="xs:string" select="'div'"/>
    <xsl:param name="class" as="xs:string" select="local-name()"/>
    <xsl:param name="id" as="xs:string?" select="()"/>
    <xsl:param name="style" as="xs:string?" select="()"/>
    <!-- whether the HTML element holds phrasing content only (p, h1..h6) -->
    <xsl:param name="phrasing" as="xs:boolean" select="$name = ('p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'span')"/>
    <xsl:element name="{if ($inline) then 'span' else $name}">
      <xsl:if test="$id"><xsl:attribute name="id" select="$id"/></xsl:if>
      <xsl:attribute name="class" select="string-join(($class, 'blk'[$inline]), ' ')"/>
      <xsl:if test="$style"><xsl:attribute name="style" select="$style"/></xsl:if>
      <xsl:call-template name="te:lang-att"/>
      <xsl:apply-templates>
        <xsl:with-param name="inline" tunnel="yes" select="$inline or $phrasing"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- An inline element: $name with a class, content in phrasing context. -->
  <xsl:template name="te:inline">
    <xsl:param name="name" as="xs:string" select="'span'"/>
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:param name="style" as="xs:string?" select="()"/>
    <xsl:element name="{$name}">
      <xsl:if test="$class"><xsl:attribute name="class" select="$class"/></xsl:if>
      <xsl:if test="$style"><xsl:attribute name="style" select="$style"/></xsl:if>
      <xsl:call-template name="te:lang-att"/>
      <xsl:apply-templates>
        <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- ===== the text and its parts ===== -->

  <xsl:template match="tei:teiHeader"/>

  <xsl:template match="tei:text">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back | tei:group">
    <xsl:call-template name="te:block">
      <xsl:with-param name="class" select="'tei-' || local-name()"/>
      <xsl:with-param name="id" select="@xml:id"/>
    </xsl:call-template>
  </xsl:template>

  <!-- the text inside a group of texts -->
  <xsl:template match="tei:group/tei:text">
    <xsl:call-template name="te:block"><xsl:with-param name="class" select="'tei-text'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="class" select="string-join(('div', @type ! ('div-' || te:token(.))), ' ')"/>
    <xsl:choose>
      <xsl:when test="@type = 'notes' and not(tei:head) and not($inline)">
        <!-- ELTeC's notes division has no heading of its own: give it one -->
        <section id="{te:div-id(.)}" class="{$class}" aria-labelledby="{te:div-id(.)}-h">
          <xsl:element name="h{min((6, 2 + count(ancestor::*[te:is-div(.)][tei:head])))}">
            <xsl:attribute name="id" select="te:div-id(.) || '-h'"/>
            <xsl:attribute name="lang" select="$te:ui"/>
            <xsl:value-of select="te:label('notes', $te:ui)"/>
          </xsl:element>
          <xsl:apply-templates/>
        </section>
      </xsl:when>
      <xsl:when test="tei:head and not($inline)">
        <section id="{te:div-id(.)}" class="{$class}" aria-labelledby="{te:div-id(.)}-h">
          <xsl:call-template name="te:lang-att"/>
          <xsl:apply-templates/>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="te:block">
          <xsl:with-param name="class" select="$class"/>
          <xsl:with-param name="id" select="te:div-id(.)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Heading level: the page title is h1, each headed division one level deeper. -->
  <xsl:function name="te:heading-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="min((6, 1 + count($head/ancestor::*[te:is-div(.)][tei:head])))"/>
  </xsl:function>

  <xsl:template match="tei:head">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="te:is-div(..) and not($inline) and . is ../tei:head[1]">
        <xsl:element name="h{te:heading-level(.)}">
          <xsl:attribute name="id" select="te:div-id(..) || '-h'"/>
          <xsl:call-template name="te:lang-att"/>
          <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="te:block">
          <xsl:with-param name="name" select="'p'"/>
          <xsl:with-param name="class" select="'head'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A paragraph: its citable id, and its number in the margin as a link to itself.
       (The hottest template: the id and number are computed once; the number is read from
       @te-n, which Python writes, where the te:p-count accumulator cost 15 ms per MB of TEI.) -->
  <!-- (above the template of te:apart's children, priority 10: the space before a paragraph
       of element-only content is written here, so that a chapter's paragraphs are not each
       matched twice, by that template and its next-match) -->
  <xsl:template match="tei:p" priority="11">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="numbered" as="xs:boolean" tunnel="yes" select="true()"/>
    <xsl:if test="preceding-sibling::* and ancestor::tei:text and te:parent-apart(.)"><xsl:text> </xsl:text></xsl:if>
    <xsl:choose>
      <xsl:when test="$numbered and not($inline)">
        <!-- te:p-count's value, which teiedition.publish.html.edition_xml writes in @te-n -->
        <xsl:variable name="n" select="(@te-n, accumulator-before('te:p-count'))[1]"/>
        <xsl:variable name="id" select="if (@xml:id) then (te:own-id(.), 'p' || $n)[1] else 'p' || $n"/>
        <xsl:variable name="num" select="if (@xml:id and matches(@xml:id, '^p\d+$')) then substring(@xml:id, 2) else string($n)"/>
        <p id="{$id}" class="p">
          <xsl:if test="@xml:lang"><xsl:call-template name="te:lang-att"/></xsl:if>
          <a class="pnum" href="#{$id}" title="{$te:paragraph-label} {$num}"><xsl:value-of select="$num"/></a>
          <xsl:text> </xsl:text>
          <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="id" select="if ($numbered) then te:p-id(.) else ()"/>
        <xsl:element name="{if ($inline) then 'span' else 'p'}">
          <xsl:if test="$id"><xsl:attribute name="id" select="$id"/></xsl:if>
          <xsl:attribute name="class" select="string-join(('p', 'blk'[$inline]), ' ')"/>
          <xsl:call-template name="te:lang-att"/>
          <xsl:if test="$id">
            <a class="pnum" href="#{$id}" title="{$te:paragraph-label} {te:p-number(.)}">
              <xsl:value-of select="te:p-number(.)"/>
            </a>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:ab">
    <xsl:call-template name="te:block"><xsl:with-param name="name" select="'p'"/></xsl:call-template>
  </xsl:template>

  <!-- ===== line and page ends ===== -->

  <!-- lb: the reading view joins lines (the TEI text nodes are the reading text); the
       diplomatic view (.dipl shown by the view toggle) restores the source's line ends and
       the hyphen of a broken word. A plain lb is a word boundary: where no space stands
       beside it (e.g. in a title part) the reading view gets one. -->
  <xsl:template match="tei:lb">
    <xsl:choose>
      <xsl:when test="@break = 'no' and (@rend = ('hyphen', '-') or @type = 'hyphenated')">
        <span class="dipl">-<br/></span>
      </xsl:when>
      <xsl:when test="@break = 'no' and string-length(@rend) = 1">
        <!-- the source's own hyphen glyph (Fraktur ¬, ⸗ or =) -->
        <span class="dipl"><xsl:value-of select="@rend"/><br/></span>
      </xsl:when>
      <xsl:when test="@break = 'no'">
        <span class="dipl"><br/></span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="before" select="preceding-sibling::node()[1][self::text()]"/>
        <xsl:variable name="after" select="following-sibling::node()[1][self::text()]"/>
        <xsl:if test="not(matches(string($before), '\s$')) and not(matches(string($after), '^\s'))
            and not(te:lb-joins(.))">
          <span class="rd"><xsl:text> </xsl:text></span>
        </xsl:if>
        <span class="dipl"><br/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- pb: a visible marker with the source's page number, an anchor for citing pages. -->
  <xsl:template match="tei:pb">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <span class="pb{if ($inline) then '' else ' pb-block'}" id="{te:pb-id(.)}">
      <xsl:text>[</xsl:text>
      <span class="pb-label"><xsl:value-of select="$te:page-label"/></span>
      <xsl:text> </xsl:text>
      <xsl:value-of select="if ($n != '') then $n else '–'"/>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:cb"/>

  <!-- fw (a running head, page number or catchword of the source page) is not reading text:
       the diplomatic view shows it where it stood -->
  <xsl:template match="tei:fw">
    <span class="dipl fw">
      <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
    </span>
  </xsl:template>

  <xsl:template match="tei:milestone">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$inline"><span class="milestone" role="separator">* * *</span></xsl:when>
      <xsl:otherwise><hr class="milestone"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== verse ===== -->

  <xsl:template match="tei:lg">
    <xsl:call-template name="te:block"><xsl:with-param name="class" select="'lg'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:l">
    <span class="l" id="{te:l-id(.)}">
      <xsl:call-template name="te:lang-att"/>
      <xsl:variable name="n" select="te:l-number(.)"/>
      <xsl:if test="exists($n)">
        <a class="pnum lnum" href="#{te:l-id(.)}" title="{te:label('line', $te:ui)} {$n}"><xsl:value-of select="$n"/></a>
      </xsl:if>
      <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
    </span>
    <!-- a line end between verse lines, so that copied or indexed text keeps them apart -->
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- ===== quotation ===== -->

  <!-- q, said, soCalled and inline quote: HTML <q>; the marks come from CSS when the TEI
       keeps them out of the text (class "nomarks" when the text has them already). -->
  <xsl:template match="tei:q | tei:said | tei:soCalled | tei:quote[not(tei:p | tei:l | tei:lg | tei:label | tei:list)]">
    <xsl:call-template name="te:inline">
      <xsl:with-param name="name" select="'q'"/>
      <xsl:with-param name="class" select="string-join((local-name(), 'nomarks'[te:has-own-marks(current())]), ' ')"/>
      <!-- the source's own marks, where they differ from the language's -->
      <xsl:with-param name="style" select="let $m := te:rend-marks(.) return if (exists($m))
          then 'quotes: ' || string-join($m ! ('&quot;' || replace(., '[&quot;\\]', '\\$0') || '&quot;'), ' ')
          else ()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:quote[tei:p | tei:l | tei:lg | tei:label | tei:list] | tei:cit | tei:epigraph">
    <xsl:call-template name="te:block">
      <xsl:with-param name="name" select="if (self::tei:quote) then 'blockquote' else 'div'"/>
      <xsl:with-param name="class" select="string-join((local-name(), @type ! ('quote-' || te:token(.))), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== highlighting and phrases ===== -->

  <xsl:template match="tei:hi">
    <xsl:variable name="r" select="lower-case(string-join((@rend, @rendition, @style), ' '))"/>
    <xsl:call-template name="te:inline">
      <xsl:with-param name="name" select="
          if (matches($r, 'sup')) then 'sup'
          else if (matches($r, 'sub')) then 'sub'
          else if (matches($r, 'bold|strong')) then 'b'
          else if (matches($r, 'ital')) then 'i'
          else if ($r = '') then 'em'
          else 'span'"/>
      <xsl:with-param name="class" select="string-join(('hi',
          'sc'[matches($r, 'small-?caps|(^|\s)sc(\s|$)')], 'spaced'[matches($r, 'spaced|letter-spacing|gesperrt')],
          'ul'[matches($r, 'underline')]), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:emph">
    <xsl:call-template name="te:inline"><xsl:with-param name="name" select="'em'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:term | tei:mentioned | tei:distinct">
    <xsl:call-template name="te:inline">
      <xsl:with-param name="name" select="'i'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:title">
    <xsl:call-template name="te:inline">
      <xsl:with-param name="name" select="'cite'"/>
      <xsl:with-param name="class" select="string-join(('title', @level ! ('title-' || te:token(.))), ' ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:gap">
    <xsl:variable name="what" select="string-join((@reason, @unit, @extent, @quantity ! string(.)), ', ')"/>
    <!-- the transcriber's description of what is missing (te:gap-desc) is its mark, else an
         ellipsis -->
    <span class="gap" title="{te:label('omitted', $te:ui)}{if ($what) then ': ' || $what else ''}">[<xsl:value-of
        select="(te:gap-desc(.), '…')[1]"/>]</span>
  </xsl:template>

  <xsl:template match="tei:space"><xsl:text> </xsl:text></xsl:template>

  <xsl:template match="tei:del">
    <xsl:call-template name="te:inline"><xsl:with-param name="name" select="'del'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:add">
    <xsl:call-template name="te:inline"><xsl:with-param name="name" select="'ins'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="tei:supplied">
    <xsl:variable name="brackets" select="te:supplied-brackets(.)"/>
    <span class="supplied"><xsl:value-of select="'['[$brackets]"/><xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates><xsl:value-of select="']'[$brackets]"/></span>
  </xsl:template>

  <!-- choice: the reading view shows the editor's form, the diplomatic one the source's. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="ed" select="(tei:corr, tei:reg, tei:expan)[1]"/>
    <xsl:variable name="src" select="(tei:sic, tei:orig, tei:abbr)[1]"/>
    <xsl:choose>
      <xsl:when test="$ed and $src">
        <span class="rd"><xsl:apply-templates select="$ed/node()"><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates></span>
        <span class="dipl"><xsl:apply-templates select="$src/node()"><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates></span>
      </xsl:when>
      <!-- alternatives of another kind (unclear or seg readings): the first in the reading
           view, all of them, a slash apart, in the diplomatic one -->
      <xsl:when test="count(*) gt 1">
        <span class="rd"><xsl:apply-templates select="*[1]/node()"><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates></span>
        <span class="dipl"><xsl:for-each select="*">
          <xsl:if test="position() gt 1"> / </xsl:if>
          <xsl:apply-templates select="node()"><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
        </xsl:for-each></span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== title page (the profile's front) ===== -->

  <xsl:template match="tei:titlePage">
    <xsl:call-template name="te:block">
      <xsl:with-param name="class" select="'titlepage'"/>
      <xsl:with-param name="id" select="'titlepage'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:docTitle | tei:docImprint | tei:docEdition | tei:byline | tei:dateline
      | tei:salute | tei:signed | tei:trailer | tei:speaker | tei:stage | tei:imprimatur">
    <xsl:call-template name="te:block">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:titlePart">
    <span class="titlepart{@type ! (' titlepart-' || te:token(.))}">
      <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
    </span>
  </xsl:template>

  <xsl:template match="tei:docAuthor">
    <xsl:call-template name="te:block">
      <xsl:with-param name="name" select="'p'"/><xsl:with-param name="class" select="'docauthor'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:docDate">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($inline) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'docdate'"/>
      <xsl:call-template name="te:date"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:sp | tei:figure | tei:floatingText | tei:letter | tei:argument">
    <xsl:call-template name="te:block"/>
  </xsl:template>

  <!-- figures: no images are fetched; the description and caption keep their text. -->
  <xsl:template match="tei:graphic | tei:media | tei:binaryObject"/>
  <xsl:template match="tei:figDesc">
    <xsl:call-template name="te:block"><xsl:with-param name="name" select="'p'"/></xsl:call-template>
  </xsl:template>

  <!-- ===== lists and tables ===== -->

  <xsl:template match="tei:list">
    <xsl:call-template name="te:block">
      <xsl:with-param name="name" select="if (@type = ('ordered', 'numbered') or @rend = 'numbered') then 'ol' else 'ul'"/>
      <xsl:with-param name="class" select="'list'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list/tei:head" priority="2">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{if ($inline) then 'span' else 'li'}">
      <xsl:attribute name="class" select="'list-head'"/>
      <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- an item's own mark (item/@n: "1)", "a.", "•") as its list marker; only short marks of
       letters, figures, bullets and brackets, so no text from the TEI reaches the CSS -->
  <xsl:template match="tei:item">
    <xsl:call-template name="te:block">
      <xsl:with-param name="name" select="if (parent::tei:list) then 'li' else 'div'"/>
      <xsl:with-param name="style" select="('list-style-type: &quot;' || @n || ' &quot;')
          [current()/parent::tei:list][matches(current()/@n, '^[\p{L}\p{N}•·▪◦‣∙●○■□➢►✓*().\-]{1,6}$')]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:list/tei:label" priority="2">
    <xsl:call-template name="te:block"><xsl:with-param name="name" select="'li'"/><xsl:with-param name="class" select="'label'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:label">
    <xsl:call-template name="te:block"><xsl:with-param name="name" select="'p'"/><xsl:with-param name="class" select="'label'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:table">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:choose>
      <xsl:when test="$inline"><xsl:call-template name="te:block"/></xsl:when>
      <xsl:otherwise>
        <table class="table">
          <xsl:if test="tei:head"><caption><xsl:apply-templates select="tei:head/node()"><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates></caption></xsl:if>
          <tbody><xsl:apply-templates select="tei:row"/></tbody>
        </table>
        <xsl:apply-templates select="* except (tei:head | tei:row)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:row">
    <tr><xsl:apply-templates select="tei:cell"/></tr>
    <xsl:apply-templates select="node() except tei:cell"/>
  </xsl:template>
  <xsl:template match="tei:cell">
    <td><xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="false()"/></xsl:apply-templates></td>
  </xsl:template>
  <!-- text between table rows has no place in HTML tables; keep it beside the table -->
  <xsl:template match="tei:table/text() | tei:row/text()"><xsl:value-of select="."/></xsl:template>

  <!-- ===== links ===== -->

  <xsl:function name="te:safe-href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="t" select="normalize-space($target)"/>
    <xsl:sequence select="$t[matches(., '^https?://[^\s&lt;&gt;&quot;]+$', 'i')]"/>
  </xsl:function>

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="t" select="normalize-space(@target)"/>
    <xsl:variable name="local" select="if (starts-with($t, '#')) then key('te:by-id', substring($t, 2), ancestor::tei:TEI[1]) else ()"/>
    <xsl:choose>
      <xsl:when test="$local/self::tei:note">
        <xsl:call-template name="te:note-marker"><xsl:with-param name="note" select="$local[1]"/></xsl:call-template>
        <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
      </xsl:when>
      <!-- a pointer elsewhere (a URL, a file) says nothing but where: its target is its text -->
      <xsl:when test="self::tei:ptr and $t and not(starts-with($t, '#'))">
        <xsl:choose>
          <xsl:when test="not($in-link) and exists(te:safe-href($t))"><a class="ref ext" href="{te:safe-href($t)}"><xsl:value-of select="$t"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <!-- a pointer to a part of the text: the part's heading, number or first words -->
      <xsl:when test="self::tei:ptr and exists($local) and not(node())">
        <xsl:choose>
          <xsl:when test="$in-link"><xsl:value-of select="te:ptr-label($local[1])"/></xsl:when>
          <xsl:otherwise><a class="ref" href="#{te:html-id($local[1])}"><xsl:value-of select="te:ptr-label($local[1])"/></a></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="$in-link or not(node())">
        <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
      </xsl:when>
      <xsl:when test="exists($local)">
        <a class="ref" href="#{te:html-id($local[1])}">
          <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/><xsl:with-param name="in-link" tunnel="yes" select="true()"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:when test="exists(te:safe-href($t))">
        <a class="ref ext" href="{te:safe-href($t)}">
          <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/><xsl:with-param name="in-link" tunnel="yes" select="true()"/></xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The HTML id of an element that has an xml:id in the TEI (paragraphs keep theirs). -->
  <xsl:function name="te:html-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="
        if ($e/self::tei:p) then te:p-id($e)
        else if ($e/self::tei:note) then te:note-id($e)
        else if (te:is-div($e)) then te:div-id($e)
        else string($e/@xml:id)"/>
  </xsl:function>

  <!-- ===== a documentary transcription (sourceDoc): zones as blocks, each line a line ===== -->

  <xsl:template match="tei:sourceDoc | tei:surface | tei:surfaceGrp | tei:zone">
    <xsl:call-template name="te:block">
      <xsl:with-param name="class" select="'tei-' || local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:line">
    <span class="line">
      <xsl:call-template name="te:lang-att"/>
      <xsl:apply-templates><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
    </span>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- ===== tokenised TEI (ELTeC level 2 ...): tokens are text, their layout white space
       becomes the spaces of printed text (te:token-gap) ===== -->

  <xsl:template match="tei:w | tei:pc">
    <xsl:value-of select="te:token-before(.)"/>
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template match="tei:s"><xsl:apply-templates/></xsl:template>

  <xsl:template priority="1" match="text()[$te:tokenised][not(normalize-space())]
      [following-sibling::node()[1][self::tei:w or self::tei:pc] or preceding-sibling::node()[1][self::tei:w or self::tei:pc]]">
    <xsl:value-of select="te:token-gap(.)"/>
  </xsl:template>
  <!-- inside a token, white space only is the file's layout (EpiDoc indents the parts of
       <w><expan><abbr>trib</abbr><ex>unicia</ex></expan></w>): the word stays one -->
  <xsl:template priority="2" match="text()[$te:tokenised][not(normalize-space())][ancestor::tei:w]"/>

  <!-- ===== the catch-all: unknown elements keep their text ===== -->

  <!-- Inline or block by the content model: an element in mixed content (text beside it,
       as <ex> in <incipit>Beatus <ex>vir</ex>…) is inline, and so is all inside it; an
       element among elements only (msItem in msContents) is a block. -->
  <!-- the parts of an SVG drawing that it does not draw: code and definitions, no text -->
  <xsl:template match="svg:style | svg:script | svg:defs | svg:metadata"/>

  <!-- the children of element-only content (te:apart) apart, as in print: a space before
       each but the first (<ab><seg>alpha</seg><seg>beta</seg></ab> is two words) -->
  <!-- (te:apart is found once per element, in a key: asked for each child in the pattern, it
       read all of a parent's children for each child, quadratic in a chapter of paragraphs;
       a tree without a document node, which has no keys, asks the function) -->
  <xsl:key name="te:apart" match="tei:text[te:apart(.)] | tei:text//*[te:apart(.)]"
      use="generate-id()"/>
  <!-- is the parent of $e (within tei:text) te:apart? (this template and tei:p's) -->
  <xsl:function name="te:parent-apart" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (root($e) instance of document-node())
        then exists(key('te:apart', generate-id($e/..), root($e))) else te:apart($e/..)"/>
  </xsl:function>
  <xsl:template match="tei:text//*[preceding-sibling::*][te:parent-apart(.)]" priority="10">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="*" priority="-2">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="in-line" select="$inline or exists(../text()[normalize-space()])"/>
    <xsl:element name="{if ($in-line) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'tei-' || te:token(local-name())"/>
      <xsl:call-template name="te:lang-att"/>
      <xsl:apply-templates>
        <xsl:with-param name="inline" tunnel="yes"
            select="$in-line or exists(text()[normalize-space()])"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()"/>

</xsl:stylesheet>
