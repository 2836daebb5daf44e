<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mode blk: the text between paragraphs (divisions, paragraphs, verse, lists, tables,
  quotations of blocks, drama, notes standing alone); each block one Typst call.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    xmlns:tp="urn:teiedition:typst"
    xmlns:svg="http://www.w3.org/2000/svg"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- ================================================================ blocks -->

  <!-- containers: their children, inline runs wrapped as paragraphs -->
  <xsl:template match="text | body | front | back | group" mode="blk">
    <xsl:call-template name="tp:blocks"/>
  </xsl:template>

  <xsl:template name="tp:blocks">
    <xsl:param name="nodes" select="node()[not(tp:insignificant(.))]"/>
    <xsl:for-each-group select="$nodes" group-adjacent="
        if (self::l or (self::pb and tp:next(.)/self::l)) then 'verse'
        else if (tp:is-block(.)) then 'block' else 'inline'">
      <xsl:choose>
        <xsl:when test="current-grouping-key() = 'verse'">
          <xsl:sequence select="tp:call('verse', for $l in current-group()[self::l]
              return tp:call('vl', (tp:vl-n($l), tp:tidy((tp:pb-margin(tp:pulled($l)),
                                            tp:inline($l))))))"/>
        </xsl:when>
        <xsl:when test="current-grouping-key() = 'block'">
          <xsl:apply-templates select="current-group()" mode="blk"/>
        </xsl:when>
        <xsl:otherwise>
          <!-- in element-only content (a div of utterances u, kinesic, incident: spoken
               TEI) each element starts a line; notes and other marks stay where they are -->
          <xsl:variable name="apart" select="te:apart(current-group()[1]/..)"/>
          <xsl:variable name="group" select="current-group()"/>
          <xsl:variable name="parts" as="xs:string*">
            <xsl:for-each select="$group">
              <xsl:variable name="i" select="position()"/>
              <xsl:if test="$apart and self::*[not(tp:mark-only(.))]
                  and exists($group[position() lt $i][self::*[not(tp:mark-only(.))]])">
                <xsl:sequence select="'linebreak()'"/>
              </xsl:if>
              <xsl:apply-templates select="." mode="inl"/>
            </xsl:for-each>
          </xsl:variable>
          <xsl:variable name="args" select="tp:tidy((
              tp:pb-margin(tp:pulled(current-group()[1])), $parts))"/>
          <xsl:if test="exists($args)">
            <xsl:sequence select="tp:call('para', $args)"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- inline content of an element, as arguments -->
  <xsl:function name="tp:inline" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tp:children($e)"/>
  </xsl:function>

  <!-- pulled page breaks shown in the margin of the first line -->
  <xsl:function name="tp:pb-margin" as="xs:string?">
    <xsl:param name="pbs" as="element()*"/>
    <xsl:if test="exists($pbs)">
      <xsl:sequence select="tp:call('pbm', tp:pb-args($pbs))"/>
    </xsl:if>
  </xsl:function>

  <!-- a block of text: fn(pulled pbs, inline content) -->
  <xsl:function name="tp:text-block" as="xs:string?">
    <xsl:param name="fn" as="xs:string"/>
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="args" select="tp:tidy((tp:pb-margin(tp:pulled($e)), tp:inline($e)))"/>
    <xsl:if test="exists($args)">
      <xsl:sequence select="tp:call($fn, $args)"/>
    </xsl:if>
  </xsl:function>

  <xsl:template match="p | ab" mode="blk">
    <xsl:param name="tp:leaf" as="xs:string" select="'para'" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="parent::div[@type = 'titlepage'] or ancestor::titlePage">
        <xsl:sequence select="tp:text-block('line-para', .)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tp:text-block($tp:leaf, .)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="label | trailer | byline | dateline | salute | signed | opener | closer
                       | docImprint | docAuthor | docDate | docTitle | speaker | argument | bibl
                       | postscript[not(*[tp:is-block(.)])]" mode="blk">
    <xsl:choose>
      <xsl:when test="*[tp:is-block(.)]">
        <xsl:call-template name="tp:blocks"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tp:text-block('line-para', .)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="stage" mode="blk">
    <xsl:variable name="args" select="tp:tidy((tp:pb-margin(tp:pulled(.)),
        tp:call('itx', tp:tidy(tp:inline(.)))))"/>
    <xsl:sequence select="tp:call('line-para', $args)"/>
  </xsl:template>

  <!-- pb between blocks: whatever follows shows it (tp:pulled); only a pb that ends its
       container stands on its own in the margin -->
  <xsl:template match="pb" mode="blk">
    <xsl:choose>
      <xsl:when test="exists(tp:next(.))"/>
      <xsl:otherwise>
        <xsl:sequence select="tp:call('pbmark', tp:pb-args((tp:pbs-before(.), .)))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="milestone" mode="blk">
    <xsl:sequence select="tp:pbmark-for(.), 'milestone()'"/>
  </xsl:template>

  <xsl:template match="gap" mode="blk">
    <xsl:sequence select="tp:pbmark-for(.), tp:call('gap-block', tp:str(tp:gap-label(.)))"/>
  </xsl:template>

  <xsl:function name="tp:gap-label" as="xs:string">
    <xsl:param name="g" as="element()"/>
    <xsl:sequence select="(te:gap-desc($g), if ($g/@unit = 'graphic' or $g/@reason = 'graphic')
                          then tp:label('illustration') else '…')[1]"/>
  </xsl:function>

  <!-- what stands in a line without being words of it: a footnote, a mark, a break -->
  <xsl:function name="tp:mark-only" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::note | self::anchor | self::index | self::pb
        | self::lb | self::cb | self::milestone | self::fw | self::ptr))"/>
  </xsl:function>

  <!-- a figure: its image where publish/pdf.py found the file beside the TEI (it then set
       te:image, the name of the copy in Typst's root), else its drawing where the TEI holds
       one in SVG (drawn by Typst, its labels text), else a mark; then its caption -->
  <xsl:template match="figure" mode="blk">
    <xsl:variable name="images" select=".//graphic/@te:image"/>
    <xsl:variable name="drawings" select="svg:svg"/>
    <xsl:sequence select="tp:pbmark-for(.), if (exists($images))
        then $images ! tp:call('figure-image', tp:str(string(.)))
        else if (exists($drawings))
        then $drawings ! tp:call('figure-svg', tp:str(tp:svg-source(.)))
        else tp:call('gap-block', tp:str(tp:label('illustration')))"/>
    <xsl:for-each select="head | p | figDesc">
      <xsl:sequence select="tp:call('line-para', tp:call('itx', tp:tidy(tp:inline(.))))"/>
    </xsl:for-each>
  </xsl:template>

  <!-- divisions: a heading (chapters of a long text start a new page), then the blocks -->
  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | div7" mode="blk">
    <xsl:variable name="heads" select="head"/>
    <xsl:variable name="level" select="count(ancestor-or-self::*[tp:is-div(.)][head])"/>
    <xsl:variable name="newpage" select="$chapter-pages and exists($heads) and $level eq 1
        and not(ancestor::floatingText | ancestor::quote)"/>
    <xsl:if test="exists($heads)">
      <xsl:variable name="args" as="xs:string*">
        <xsl:sequence select="'level: ' || min(($level, 4))"/>
        <xsl:if test="$newpage">newpage: true</xsl:if>
        <xsl:variable name="pbs" select="tp:pulled($heads[1])"/>
        <xsl:if test="$pbs">
          <xsl:sequence select="'pbs: (' || string-join(tp:pb-args($pbs) ! (. || ','), ' ') || ')'"/>
        </xsl:if>
        <xsl:sequence select="for $h in $heads return tp:content($h)"/>
      </xsl:variable>
      <xsl:sequence select="tp:call('chapter', $args)"/>
    </xsl:if>
    <!-- a division without a heading after another (Perseus's poems, CTS text parts, a
         novel's unheaded sections): a space between them, else the two run on as one -->
    <xsl:if test="empty($heads) and preceding-sibling::*[1][tp:is-div(.)]">
      <xsl:sequence select="tp:call('div-break', ())"/>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="@type = 'titlepage' and not(ancestor::quote | ancestor::floatingText)">
        <xsl:variable name="inner" as="xs:string*">
          <xsl:call-template name="tp:blocks">
            <xsl:with-param name="nodes" select="node()[not(tp:insignificant(.))] except $heads"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:sequence select="tp:call('source-titlepage', $inner)"/>
      </xsl:when>
      <xsl:when test="@type = 'notes' and not(*[not(self::note | self::head | self::pb)])">
        <xsl:variable name="loose" select="note[not(@xml:id) or empty(key('tp:note-refs', @xml:id))]"/>
        <xsl:if test="exists($loose)">
          <xsl:sequence select="tp:call('endnotes', (tp:str(tp:label('notes')),
              for $n in $loose return tp:call('para', tp:tidy(tp:inline($n)))))"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="ancestor::back and empty($heads) and not(ancestor::*[tp:is-div(.)])">
        <xsl:variable name="inner" as="xs:string*">
          <xsl:call-template name="tp:blocks"/>
        </xsl:variable>
        <xsl:if test="exists($inner)">
          <xsl:sequence select="tp:call('back-matter', $inner)"/>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tp:blocks">
          <xsl:with-param name="nodes" select="node()[not(tp:insignificant(.))] except $heads"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the front's title page is the edition's title page (see tp:titlepage) -->
  <xsl:template match="titlePage" mode="blk">
    <xsl:if test="not(. is $title-page)">
      <xsl:variable name="inner" as="xs:string*">
        <xsl:for-each select="*">
          <xsl:sequence select="tp:call('line-para', tp:tidy(tp:inline(.)))"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:sequence select="tp:call('source-titlepage', $inner)"/>
    </xsl:if>
  </xsl:template>

  <!-- head outside a division (of a list, a verse group, a letter) -->
  <xsl:template match="head" mode="blk">
    <xsl:sequence select="tp:text-block('minor-head', .)"/>
  </xsl:template>

  <xsl:template match="lg" mode="blk">
    <xsl:sequence select="tp:pbmark-for(.)"/>
    <xsl:apply-templates select="head" mode="blk"/>
    <xsl:variable name="lines" as="xs:string*">
      <xsl:for-each select=".//l">
        <xsl:sequence select="tp:call('vl', (tp:vl-n(.), tp:tidy((tp:pb-margin(tp:pbs-before(.)),
                                                     tp:inline(.)))))"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="exists($lines)">
      <xsl:sequence select="tp:call('verse', $lines)"/>
    </xsl:if>
  </xsl:template>

  <!-- a verse line's own number (te:l-number) as vl's named argument -->
  <xsl:function name="tp:vl-n" as="xs:string?">
    <xsl:param name="l" as="element()"/>
    <xsl:sequence select="te:l-number($l) ! ('n: ' || tp:str(.))"/>
  </xsl:function>

  <xsl:template match="l" mode="blk">
    <xsl:sequence select="tp:call('verse', tp:call('vl', (tp:vl-n(.), tp:tidy((tp:pb-margin(tp:pulled(.)),
                                                                 tp:inline(.))))))"/>
  </xsl:template>

  <!-- lists of every kind, bibliographies (bibl, biblStruct … one reference an item) and cast
       lists: every child an item, a label the mark of the item after it (glossary lists),
       a list inside a list a list of its own -->
  <xsl:template match="list | listBibl | castList" mode="blk">
    <xsl:sequence select="tp:pbmark-for(.)"/>
    <xsl:apply-templates select="head" mode="blk"/>
    <xsl:for-each-group select="* except (head, label[following-sibling::*[1]/self::item])"
                        group-adjacent="exists(self::list | self::listBibl | self::castList)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()">
          <xsl:apply-templates select="current-group()" mode="blk"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="tp:call('lst', current-group() ! tp:item(.))"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:function name="tp:item" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="label" select="$e/self::item/preceding-sibling::*[1]/self::label"/>
    <xsl:sequence select="tp:call('item', (
        if ($label) then 'mark: ' || tp:content($label)
        else ('mark: ' || tp:str($e/@n))[$e/self::item/@n],
        tp:tidy(tp:inline($e))))"/>
  </xsl:function>

  <!-- a block in another language than the one around it (a Hebrew paragraph in an English
       text): set in that language, so hyphenation and direction follow it (right to left for
       Hebrew, Arabic …). Not around divisions: chapters stay statements of their own. -->
  <xsl:template match="*[@xml:lang][not(self::text | self::body | self::front | self::back
                         | self::group)][not(tp:is-div(.) or .//*[tp:is-div(.)])]"
                mode="blk" priority="10">
    <xsl:variable name="code" select="tp:lang-code(@xml:lang)"/>
    <xsl:variable name="inner" as="xs:string*">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:sequence select="if ($code ne tp:lang-code(te:lang(..)) and exists($inner))
        then 'lang-block(' || tp:str($code) || ', {' || string-join($inner, '; ') || '})'
        else $inner"/>
  </xsl:template>

  <!-- a manuscript description (msDesc, also bibliographic descriptions of that kind): a
       framed block of its parts, one line each, before the text it describes -->
  <xsl:template match="msDesc | msPart | msFrag" mode="blk">
    <xsl:variable name="inner" as="xs:string*">
      <xsl:apply-templates select="*" mode="blk">
        <xsl:with-param name="tp:leaf" select="'line-para'" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="tp:pbmark-for(.), tp:call('desc', $inner)"/>
  </xsl:template>

  <xsl:template match="table" mode="blk">
    <xsl:sequence select="tp:pbmark-for(.)"/>
    <xsl:apply-templates select="head" mode="blk"/>
    <xsl:variable name="cols" select="max((row ! count(cell), 1))"/>
    <xsl:sequence select="tp:call('tbl', (string($cols),
        for $r in row return (for $c in $r/cell return tp:content($c),
                              for $i in (count($r/cell) + 1 to $cols) return '[]')))"/>
  </xsl:template>

  <xsl:template match="quote | q | said | cit | epigraph | floatingText | postscript | sp"
                mode="blk">
    <xsl:variable name="inner" as="xs:string*">
      <xsl:choose>
        <xsl:when test="self::floatingText">
          <xsl:apply-templates select="*" mode="blk"/>
        </xsl:when>
        <xsl:when test="self::sp">
          <xsl:call-template name="tp:blocks"/>
        </xsl:when>
        <xsl:when test="*[tp:is-block(.)] or self::epigraph or self::postscript">
          <xsl:call-template name="tp:blocks"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="tp:text-block('para', .)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="exists($inner)">
      <xsl:sequence select="tp:pbmark-for(.), tp:call('bquote', $inner)"/>
    </xsl:if>
  </xsl:template>

  <!-- a note standing between blocks: a footnote on an empty line would look broken, so
       it becomes a footnote on the previous paragraph's end … unless there is none -->
  <xsl:template match="note" mode="blk">
    <xsl:sequence select="tp:call('line-para', (tp:pb-margin(tp:pulled(.)),
                                                tp:call('fn', tp:tidy(tp:inline(.)))))"/>
  </xsl:template>

  <xsl:template match="teiHeader | facsimile | standOff | fw" mode="blk"/>

  <!-- sourceDoc: surfaces and zones hold lines, each printed as a line -->
  <xsl:template match="sourceDoc | surface | surfaceGrp | zone" mode="blk">
    <xsl:for-each select="*">
      <xsl:choose>
        <xsl:when test="self::line">
          <xsl:sequence select="tp:text-block('line-para', .)"/>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="." mode="blk"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- anything else between blocks: its blocks, or a paragraph of its text -->
  <!-- anything else between blocks: its blocks; a container of containers (element-only
       content such as msContents, physDesc) each child a block; else a paragraph of its text
       (a line in a description) -->
  <xsl:template match="*" mode="blk">
    <xsl:param name="tp:leaf" as="xs:string" select="'para'" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="*[tp:is-block(.)]">
        <xsl:call-template name="tp:blocks"/>
      </xsl:when>
      <xsl:when test="tp:is-container(.)">
        <xsl:apply-templates select="*" mode="blk"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tp:text-block($tp:leaf, .)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="blk">
    <xsl:sequence select="tp:call('para', tp:text(.))[normalize-space(current())]"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="blk inl"/>


  <!-- An SVG drawing as Typst reads it (image(bytes(…), format: "svg")): a copy without
       what would reach outside the document (linked images, scripts, foreign objects, style
       sheets, links to other files): Typst refuses a path it cannot read, and one failure
       would stop the whole PDF. -->
  <xsl:function name="tp:svg-source" as="xs:string">
    <xsl:param name="svg" as="element()"/>
    <xsl:variable name="copy"><xsl:apply-templates select="$svg" mode="tp:svg"/></xsl:variable>
    <xsl:sequence select="serialize($copy, map {'method': 'xml', 'omit-xml-declaration': true()})"/>
  </xsl:function>
  <xsl:mode name="tp:svg" on-no-match="shallow-copy"/>
  <xsl:template mode="tp:svg" match="svg:image | svg:script | svg:foreignObject | svg:style
      | svg:feImage | comment() | processing-instruction()"/>
  <xsl:template mode="tp:svg" match="@*[local-name() = 'href'][not(starts-with(normalize-space(.), '#'))]
      | @*[contains(., 'url(')][replace(., 'url\(\s*[''&quot;]?#', '') => contains('url(')]
      | @*[local-name() = 'style'][contains(., '@import')]"/>

</xsl:stylesheet>
