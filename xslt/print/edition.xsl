<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI -> Typst source for the print edition (the second half of the .typ; the first half is
  print/edition.typ, the page design, which publish/pdf.py puts in front).

  Safety, the one rule of the print stylesheets (this driver and the modules it includes):
  text from the TEI (text nodes, attribute values, header fields) only ever reaches the
  output through tp:str() (typst.xsl), which writes it as a Typst
  string literal. Typst sets a string as plain text; only \ and " are special inside one, and
  tp:str escapes both (and writes line ends as spaces). So no character of the TEI can open
  markup, math, code, a label or a comment, and nothing in the TEI can run (#read, #import,
  #eval …). Everything else in the output is a fixed function name from edition.typ.

  Output: statements, one per line, inside one Typst code block, e.g.
      para("Den socialistiska … är ", nm("org", "org-komintern", "Komintern"), ", eller …")
  so that whitespace between statements never becomes text.
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

  <!-- the shared layer: metadata, language, register (same answers as the HTML edition) -->
  <xsl:import href="../common/common.xsl"/>
  <!-- the print modules, by concern (one file each) -->
  <xsl:include href="labels.xsl"/>
  <xsl:include href="typst.xsl"/>
  <xsl:include href="structure.xsl"/>
  <xsl:include href="front.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="inline.xsl"/>
  <xsl:include href="dictionary.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="math.xsl"/>
  <xsl:include href="index.xsl"/>

  <xsl:output method="text" encoding="UTF-8" build-tree="no" item-separator="&#10;"/>

  <!-- a4 | a5 | letter -->
  <xsl:param name="paper" as="xs:string" select="'a4'"/>
  <!-- the register serialised by Python from the hardened parser ('' = no register) -->
  <xsl:param name="register-xml" as="xs:string" select="''"/>
  <xsl:param name="version" as="xs:string" select="''"/>
  <xsl:param name="typst-version" as="xs:string" select="''"/>
  <!-- date of this build, YYYY-MM-DD (from SOURCE_DATE_EPOCH or the TEI, for reproducible PDFs) -->
  <xsl:param name="build-date" as="xs:string" select="''"/>
  <xsl:param name="source-name" as="xs:string" select="''"/>

  <xsl:variable name="register" as="document-node()?"
      select="if (normalize-space($register-xml)) then parse-xml($register-xml) else ()"/>

  <xsl:variable name="root" select="/"/>
  <xsl:variable name="lang" as="xs:string" select="tp:lang-code(te:lang(/TEI))"/>
  <xsl:variable name="header" select="/TEI/teiHeader"/>
  <xsl:variable name="titleStmt" select="$header/fileDesc/titleStmt"/>

  <xsl:key name="tp:xmlid" match="*[@xml:id]" use="string(@xml:id)"/>
  <xsl:key name="tp:note-refs" match="ref[starts-with(@target, '#')] | ptr[starts-with(@target, '#')]"
           use="substring(@target, 2)"/>

  <!-- ================================================================ document facts -->

  <xsl:variable name="main-title" as="xs:string" select="te:title(/TEI)"/>
  <xsl:variable name="sub-title" as="xs:string?" select="te:subtitle(/TEI)"/>
  <xsl:variable name="short-title" as="xs:string" select="$main-title"/>
  <xsl:variable name="authors" as="xs:string*" select="te:authors(/TEI) ! tp:display-name(.)"/>
  <xsl:variable name="translators" as="xs:string*" select="te:translators(/TEI)"/>
  <xsl:variable name="source-date" as="xs:string?" select="normalize-space(replace(string((
      $header/fileDesc/sourceDesc//bibl[@type = 'firstEdition']//date,
      $header/fileDesc/sourceDesc//date)[1]), '^(\d{4})\.$', '$1'))[. ne '']"/>
  <xsl:variable name="title-page" select="(/TEI/text/front/titlePage)[1]"/>

  <!-- documents with several chapters: each on a new page, and a table of contents -->
  <xsl:variable name="chapters" select="/TEI/text//*[tp:is-div(.)][head]
      [not(ancestor::*[tp:is-div(.)][head])][not(ancestor::floatingText | ancestor::quote)]"/>
  <xsl:variable name="multi" as="xs:boolean" select="count($chapters) ge 2"/>
  <!-- a chapter starts a new page where chapters are a page long or more on average; short
       divisions (letters, diary entries, articles) follow one another: 3,000 letters on
       3,000 pages took Typst 7 s and 855 MB -->
  <xsl:variable name="chapter-pages" as="xs:boolean" select="$multi and
      string-length(string(/TEI/text)) div count($chapters) ge $tp:page-chars"/>
  <xsl:variable name="tp:page-chars" as="xs:integer" select="if ($paper = 'a5') then 1200 else 2000"/>
  <!-- a table of contents for at most this many chapters: Typst's outline of 6,000 letters
       took 4 s and 520 MB (the PDF's bookmarks still list every heading) -->
  <xsl:variable name="tp:max-toc" as="xs:integer" select="500"/>

  <!-- ================================================================ the document -->

  <!-- the marks of apparatus entries (te:app-mark) count them; computed on first use -->
  <xsl:mode use-accumulators="te:app-count"/>

  <xsl:template match="/">
    <xsl:if test="not(TEI)">
      <xsl:message terminate="yes">not a TEI document (root element is not tei:TEI)</xsl:message>
    </xsl:if>
    <xsl:variable name="index" select="tp:index-groups()"/>
    <xsl:variable name="keywords" as="xs:string*" select="
        let $terms := $header/profileDesc/textClass/keywords/term ! normalize-space()
        return if (exists($terms)) then $terms else $index?names[position() le 20]"/>
    <!-- the output is a sequence of statements, written one a line as they are made
         (build-tree="no", item-separator): publish/parts.py cuts a long text into parts as
         they arrive, and typesets the first while the rest is transformed -->
    <xsl:sequence select="string-join((
        '',
        '// ---- generated by teiedition from '
          (: a file name in a comment: every character that ends a line in Typst goes :)
          || replace($source-name, '[\p{Cc}\p{Zl}\p{Zp}]', ' ')
          || '; the text of the TEI is in string literals below',
        '#show: edition.with(',
        '  title: ' || tp:str($main-title) || ',',
        '  authors: ' || tp:array($authors) || ',',
        '  keywords: ' || tp:array(distinct-values($keywords)) || ',',
        '  description: ' || tp:str(string-join((($sub-title, normalize-space(($header/fileDesc/sourceDesc//bibl[@type = 'firstEdition']/title)[1]), $main-title)[. ne ''][1],
            te:edition-title($root/TEI)), ' — ')) || ',',
        '  lang: ' || tp:str($lang) || ',',
        '  paper: ' || tp:str(if ($paper = ('a4', 'a5', 'letter')) then $paper else 'a4') || ',',
        '  running-author: ' || tp:str(tp:short(string-join($authors, ', '))) || ',',
        '  running-title: ' || tp:str(tp:short($short-title)) || ',',
        ')',
        '#{'), '&#10;')"/>
    <xsl:sequence select="string-join(tp:titlepage(), ' ')"/>
    <xsl:sequence select="if ($multi and count($chapters) le $tp:max-toc)
        then tp:call('toc', tp:str(tp:label('contents'))) else 'opening()'"/>
    <!-- a documentary transcription without a text (sourceDoc) is printed as its lines -->
    <xsl:apply-templates select="TEI/text, TEI/sourceDoc[empty(../text)]" mode="blk"/>
    <xsl:if test="exists($index?groups)">
      <xsl:sequence select="tp:call('index', (tp:str(tp:label('index')),
          '(' || string-join($index?groups, ', ') || ',)'))"/>
    </xsl:if>
    <xsl:sequence select="string-join(tp:colophon(), ' ')"/>
    <xsl:sequence select="'}&#10;'"/>
  </xsl:template>

</xsl:stylesheet>
