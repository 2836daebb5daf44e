<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI -> Typst source for the print edition (the second half of the .typ; the first half is
  print/edition.typ, the page design, which publish/pdf.py puts in front).

  Safety, the one rule of this stylesheet: text from the TEI (text nodes, attribute values,
  header fields) only ever reaches the output through tp:str(), which writes it as a Typst
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

  <xsl:output method="text" encoding="UTF-8"/>

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

  <!-- ================================================================ labels -->

  <xsl:variable name="tp:labels" as="map(xs:string, map(xs:string, xs:string))" select="map {
    'sv': map { 'contents': 'Innehåll', 'index': 'Register', 'person': 'Personer',
                'org': 'Organisationer', 'place': 'Platser', 'colophon': 'Kolofon',
                'notes': 'Noter', 'source': 'Källa', 'licence': 'Licens',
                'encoding': 'Kodning', 'edition': 'Utgåva', 'typeset': 'Satt med',
                'and': 'och', 'date': 'Datum', 'file': 'Fil', 'translation': 'Översättning',
                'illustration': 'bild', 'language': 'Språk', 'paper': 'Format',
                'publisher': 'Utgivare' },
    'de': map { 'contents': 'Inhalt', 'index': 'Register', 'person': 'Personen',
                'org': 'Organisationen', 'place': 'Orte', 'colophon': 'Impressum',
                'notes': 'Anmerkungen', 'source': 'Quelle', 'licence': 'Lizenz',
                'encoding': 'Kodierung', 'edition': 'Ausgabe', 'typeset': 'Gesetzt mit',
                'and': 'und', 'date': 'Datum', 'file': 'Datei', 'translation': 'Übersetzung',
                'illustration': 'Abbildung', 'language': 'Sprache', 'paper': 'Format',
                'publisher': 'Verlag' },
    'en': map { 'contents': 'Contents', 'index': 'Index', 'person': 'Persons',
                'org': 'Organisations', 'place': 'Places', 'colophon': 'Colophon',
                'notes': 'Notes', 'source': 'Source', 'licence': 'Licence',
                'encoding': 'Encoding', 'edition': 'Edition', 'typeset': 'Typeset with',
                'and': 'and', 'date': 'Date', 'file': 'File', 'translation': 'Translation',
                'illustration': 'illustration', 'language': 'Language', 'paper': 'Paper',
                'publisher': 'Publisher' } }"/>

  <xsl:function name="tp:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($tp:labels($lang), $tp:labels('en'))[1]($key)"/>
  </xsl:function>

  <!-- ================================================================ Typst writing -->

  <!--
    THE escaping function: any string -> a Typst string literal that shows exactly that
    text. Inside "…" Typst knows only the escapes \\ \" \n \r \t \u{…}; doubling every
    backslash first makes every one of them literal, then " is escaped. Line ends and tabs
    become spaces (they are white space in TEI text).
  -->
  <xsl:function name="tp:str" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:variable name="a" select="replace(string($s), '\\', '\\\\', ';j')"/>
    <xsl:variable name="b" select="replace($a, '&quot;', '\\&quot;', ';j')"/>
    <xsl:variable name="c" select="replace($b, '[&#9;&#10;&#13;&#x85;&#x2028;&#x2029;]', ' ', ';j')"/>
    <xsl:sequence select="'&quot;' || $c || '&quot;'"/>
  </xsl:function>

  <!-- A string literal of normalised text, or nothing when the text is empty. -->
  <xsl:function name="tp:text" as="xs:string?">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:variable name="n" select="normalize-space($s)"/>
    <xsl:sequence select="if ($n) then tp:str($n) else ()"/>
  </xsl:function>

  <!-- A Typst array of string literals: ("a", "b",) -->
  <xsl:function name="tp:array" as="xs:string">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:sequence select="'(' || string-join(for $i in $items return tp:str($i) || ',', ' ')
                          || ')'"/>
  </xsl:function>

  <!-- Is $x a string literal written by tp:str? (Every other piece we write starts with a
       function name, so the first character tells.) -->
  <xsl:function name="tp:is-literal" as="xs:boolean">
    <xsl:param name="x" as="xs:string"/>
    <xsl:sequence select="starts-with($x, '&quot;')"/>
  </xsl:function>

  <!--
    Tidy the pieces of one line of text before they become arguments: adjacent literals
    are merged (their insides are already escaped, so concatenation is safe), runs of spaces
    collapse, and the text's leading and trailing spaces go (only spaces are touched, and
    a space is never part of an escape).
  -->
  <xsl:function name="tp:tidy" as="xs:string*">
    <xsl:param name="items" as="xs:string*"/>
    <xsl:variable name="merged" as="xs:string*">
      <xsl:for-each-group select="$items" group-adjacent="tp:is-literal(.)">
        <xsl:sequence select="if (current-grouping-key() and count(current-group()) gt 1)
            then '&quot;' || string-join(current-group() ! substring(., 2, string-length(.) - 2))
                 || '&quot;'
            else current-group()"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="n" select="count($merged)"/>
    <!-- the first literal (after page marks) loses leading spaces, the last trailing ones -->
    <xsl:variable name="first" select="(for $i in 1 to $n return
        $i[not(starts-with($merged[$i], 'pbm(') or $merged[$i] eq 'lm()')])[1]"/>
    <xsl:sequence select="for $i in 1 to $n return
        let $m := $merged[$i]
        return if (not(tp:is-literal($m))) then $m
        else
          let $m := if (contains($m, '  ')) then replace($m, '  +', ' ') else $m,
              $m := if ($i eq $first and starts-with($m, '&quot; ')) then '&quot;' || substring($m, 3)
                    else $m,
              $m := if ($i eq $n and ends-with($m, ' &quot;'))
                    then substring($m, 1, string-length($m) - 2) || '&quot;' else $m
          return if ($m eq '&quot;&quot;') then () else $m"/>
  </xsl:function>

  <!-- name(arg, arg, …) -->
  <xsl:function name="tp:call" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:sequence select="$name || '(' || string-join($args, ', ') || ')'"/>
  </xsl:function>

  <!-- ================================================================ helpers -->

  <xsl:function name="tp:insignificant" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="exists($n/self::comment() | $n/self::processing-instruction()
                                 | $n/self::text()[not(normalize-space())])"/>
  </xsl:function>

  <xsl:function name="tp:next" as="node()?">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="$n/following-sibling::node()[not(tp:insignificant(.))][1]"/>
  </xsl:function>

  <xsl:function name="tp:prev" as="node()?">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="$n/preceding-sibling::node()[not(tp:insignificant(.))][1]"/>
  </xsl:function>

  <!-- the run of pb right before $n (they show their numbers at $n's first line) -->
  <xsl:function name="tp:pbs-before" as="element()*">
    <xsl:param name="n" as="node()"/>
    <xsl:variable name="p" select="tp:prev($n)"/>
    <xsl:sequence select="if ($p/self::pb) then (tp:pbs-before($p), $p) else ()"/>
  </xsl:function>

  <!-- the page numbers of a run of pb, as string literals -->
  <xsl:function name="tp:pb-args" as="xs:string*">
    <xsl:param name="pbs" as="element()*"/>
    <xsl:sequence select="for $p in $pbs return tp:str(normalize-space(
        if ($p/@n) then $p/@n else '·'))"/>
  </xsl:function>

  <!--
    The pb a block shows at its first line: the run right before it and, when it opens its
    container (body, a division …), the ones before the container too. So a page break that
    falls between the front and the body, or before a chapter, is shown on the chapter's
    first page and not alone at the foot of the previous one.
  -->
  <xsl:function name="tp:pulled" as="element()*">
    <xsl:param name="e" as="node()"/>
    <xsl:variable name="opens" select="empty($e/preceding-sibling::node()
        [not(tp:insignificant(.))][not(self::pb)])"/>
    <xsl:sequence select="(
        if ($opens and $e/parent::*[self::body or self::front or self::back or self::group
                                    or self::text or tp:is-div(.)])
        then tp:pulled($e/parent::*) else (),
        tp:pbs-before($e))"/>
  </xsl:function>

  <!-- pbmark(…) before a block that is not a line of text (verse group, gap, list …) -->
  <xsl:function name="tp:pbmark-for" as="xs:string?">
    <xsl:param name="e" as="node()"/>
    <xsl:variable name="pbs" select="tp:pulled($e)"/>
    <xsl:if test="exists($pbs)">
      <xsl:sequence select="tp:call('pbmark', tp:pb-args($pbs))"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="tp:is-div" as="xs:boolean">
    <xsl:param name="e" as="element()?"/>
    <xsl:sequence select="exists($e/(self::div | self::div1 | self::div2 | self::div3
        | self::div4 | self::div5 | self::div6 | self::div7))"/>
  </xsl:function>

  <!-- elements that stand on their own between paragraphs -->
  <xsl:function name="tp:is-block" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="exists($n/(self::p | self::ab | self::head | self::l | self::lg
        | self::list | self::table | self::label | self::trailer | self::epigraph
        | self::closer | self::opener | self::salute | self::signed | self::dateline
        | self::byline | self::docAuthor | self::docDate | self::docImprint | self::docTitle
        | self::titlePage | self::argument | self::postscript | self::sp | self::speaker
        | self::stage | self::castList | self::floatingText | self::figure | self::milestone
        | self::pb | self::gap | self::div | self::div1 | self::div2 | self::div3
        | self::div4 | self::div5 | self::div6 | self::div7 | self::listBibl | self::bibl
        | self::cit | self::quote | self::q | self::said | self::front | self::body
        | self::back | self::group | self::text))
        and (not($n/(self::quote | self::q | self::said | self::cit | self::bibl | self::gap
                     | self::pb))
             or tp:is-div($n/parent::*) or $n/parent::*/(self::body | self::front | self::back
                | self::group | self::text | self::quote | self::floatingText | self::titlePage
                | self::epigraph | self::postscript))"/>
  </xsl:function>

  <!-- a q/quote/… that is a quotation of blocks (letters, epigraphs), not inline -->
  <xsl:function name="tp:has-blocks" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(p | ab | lg | l | label | list | table | floatingText
        | opener | closer | child::div | sp))"/>
  </xsl:function>

  <!-- Quotation marks already in the text? Then they are not added again. -->
  <xsl:variable name="tp:marks" select="'&quot;”“„«»‘’‚‹›'''"/>
  <xsl:variable name="tp:marks-in-text" as="xs:boolean"
      select="$header/encodingDesc/editorialDecl/quotation/@marks = 'all'"/>
  <xsl:function name="tp:has-own-marks" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="s" select="normalize-space(string($e))"/>
    <xsl:sequence select="$tp:marks-in-text or (string-length($s) ge 2
        and contains($tp:marks, substring($s, 1, 1))
        and contains($tp:marks, substring($s, string-length($s), 1)))"/>
  </xsl:function>

  <!-- 'Wägner, Elin (1882-1949)' -> 'Elin Wägner'; 'Leo Trotskij' stays -->
  <xsl:function name="tp:display-name" as="xs:string">
    <xsl:param name="s" as="xs:string?"/>
    <xsl:variable name="n" select="normalize-space(replace(string($s), '\([^)]*\)\s*$', ''))"/>
    <xsl:sequence select="if (matches($n, '^[^,]+, [^,]+$'))
        then replace($n, '^([^,]+), (.+)$', '$2 $1') else $n"/>
  </xsl:function>

  <!-- a running head must fit on one line: cut long titles at a word -->
  <xsl:function name="tp:short" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="if (string-length($s) le 58) then $s
        else replace(substring($s, 1, 58), '\s+\S*$', '') || ' …'"/>
  </xsl:function>

  <!-- A language code Typst accepts ('sv', 'en', 'grc'), else the fallback 'en': a code
       from the TEI is data and must not break (or reach) the typesetter as anything else. -->
  <xsl:function name="tp:lang-code" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="c" select="lower-case(tokenize(string($code), '[-_]')[1])"/>
    <xsl:variable name="c" select="if ($c) then te:lang-code($c) else ''"/>
    <xsl:sequence select="if (matches($c, '^[a-z]{2,3}$')) then $c else 'en'"/>
  </xsl:function>

  <!--
    Quotation marks for a language: (outer open, outer close, inner open, inner close).
    Swedish uses ” at both ends (’ inside), German „…“, French «…».
  -->
  <xsl:function name="tp:quote-marks" as="xs:string+">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="
        if ($lang = ('sv', 'fi')) then ('&#x201D;', '&#x201D;', '&#x2019;', '&#x2019;')
        else if ($lang = ('de', 'cs', 'is')) then ('&#x201E;', '&#x201C;', '&#x201A;', '&#x2018;')
        else if ($lang = ('fr', 'no', 'nb', 'nn', 'ru', 'es', 'it')) then
            ('&#xAB;', '&#xBB;', '&#x201C;', '&#x201D;')
        else if ($lang = ('da')) then ('&#xBB;', '&#xAB;', '&#x203A;', '&#x2039;')
        else if ($lang = ('pl', 'hu', 'nl')) then ('&#x201E;', '&#x201D;', '&#x201A;', '&#x2019;')
        else ('&#x201C;', '&#x201D;', '&#x2018;', '&#x2019;')"/>
  </xsl:function>

  <!-- 'person' | 'org' | 'place' for a name in the text without a register entry -->
  <xsl:function name="tp:mention-kind" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="
        if ($name/self::persName or $name/@type = 'person') then 'person'
        else if ($name/self::orgName or $name/@type = ('org', 'organisation')) then 'org'
        else 'place'"/>
  </xsl:function>

  <!-- The register entry with xml:id $id (persons, organisations, places), or (). -->
  <xsl:function name="tp:entry" as="element()?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="if (exists($register)) then key('te:entry', $id, $register)[1] else ()"/>
  </xsl:function>

  <!--
    The name as the index lists it: 'Stalin, Josef' when the register says which part is the
    surname (forename/surname children); otherwise the normalised name as it stands (we do
    not guess the surname for display: 'Chiang Kai-shek' would come out wrong).
  -->
  <xsl:function name="tp:index-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(persName | orgName | placeName | name)"/>
    <xsl:variable name="n" select="($names[@type = 'reg'], $names)[1]"/>
    <xsl:variable name="surname" select="normalize-space(string-join($n/surname, ' '))"/>
    <xsl:variable name="rest" select="normalize-space(string-join(
        $n/(forename | addName | nameLink | genName), ' '))"/>
    <xsl:sequence select="if ($surname ne '' and $rest ne '') then $surname || ', ' || $rest
                          else te:reg-name($entry)"/>
  </xsl:function>

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
    <xsl:text>&#10;// ---- generated by teiedition from </xsl:text>
    <!-- a file name in a comment: every character that ends a line in Typst goes -->
    <xsl:value-of select="replace($source-name, '[\p{Cc}\p{Zl}\p{Zp}]', ' ')"/>
    <xsl:text>; the text of the TEI is in string literals below&#10;</xsl:text>
    <xsl:text>#show: edition.with(&#10;  title: </xsl:text>
    <xsl:value-of select="tp:str($main-title)"/>
    <xsl:text>,&#10;  authors: </xsl:text>
    <xsl:value-of select="tp:array($authors)"/>
    <xsl:text>,&#10;  keywords: </xsl:text>
    <xsl:value-of select="tp:array(distinct-values($keywords))"/>
    <xsl:text>,&#10;  description: </xsl:text>
    <xsl:value-of select="tp:str(($sub-title, normalize-space(($header/fileDesc/sourceDesc//bibl[@type = 'firstEdition']/title)[1]), $main-title)[. ne ''][1])"/>
    <xsl:text>,&#10;  lang: </xsl:text>
    <xsl:value-of select="tp:str($lang)"/>
    <xsl:text>,&#10;  paper: </xsl:text>
    <xsl:value-of select="tp:str(if ($paper = ('a4', 'a5', 'letter')) then $paper else 'a4')"/>
    <xsl:text>,&#10;  running-author: </xsl:text>
    <xsl:value-of select="tp:str(tp:short(string-join($authors, ', ')))"/>
    <xsl:text>,&#10;  running-title: </xsl:text>
    <xsl:value-of select="tp:str(tp:short($short-title))"/>
    <xsl:text>,&#10;)&#10;#{&#10;</xsl:text>
    <xsl:value-of select="tp:titlepage()"/>
    <xsl:text>&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="$multi and count($chapters) le $tp:max-toc">
        <xsl:value-of select="tp:call('toc', tp:str(tp:label('contents')))"/>
        <xsl:text>&#10;</xsl:text>
      </xsl:when>
      <xsl:otherwise>opening()&#10;</xsl:otherwise>
    </xsl:choose>
    <!-- a documentary transcription without a text (sourceDoc) is printed as its lines -->
    <xsl:for-each select="TEI/text, TEI/sourceDoc[empty(../text)]">
      <xsl:variable name="blocks" as="xs:string*">
        <xsl:apply-templates select="." mode="blk"/>
      </xsl:variable>
      <xsl:value-of select="$blocks" separator="&#10;"/>
    </xsl:for-each>
    <xsl:text>&#10;</xsl:text>
    <xsl:if test="exists($index?groups)">
      <xsl:value-of select="tp:call('index', (tp:str(tp:label('index')),
          '(' || string-join($index?groups, ', ') || ',)'))"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:value-of select="tp:colophon()"/>
    <xsl:text>&#10;}&#10;</xsl:text>
  </xsl:template>

  <!-- ================================================================ title page -->

  <xsl:function name="tp:titlepage" as="xs:string">
    <xsl:variable name="tp" select="$title-page"/>
    <xsl:variable name="args" as="xs:string*">
      <xsl:choose>
        <xsl:when test="$tp">
          <xsl:variable name="main" select="($tp//titlePart[not(@type) or @type = 'main'])[1]"/>
          <xsl:variable name="subs" select="$tp//titlePart except $main"/>
          <xsl:sequence select="tp:named('author', $tp/docAuthor)"/>
          <xsl:sequence select="tp:named('title', $main)"/>
          <xsl:sequence select="tp:named('subtitle', $subs)"/>
          <xsl:sequence select="tp:named('date', $tp/docDate)"/>
          <xsl:variable name="extra" select="$tp/(* except (docAuthor | docTitle | docDate))"/>
          <xsl:if test="$extra">
            <xsl:sequence select="'extra: (' || string-join(
                for $e in $extra return tp:content($e) || ',', ' ') || ')'"/>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="exists($authors)">
            <xsl:sequence select="'author: ' || tp:str(string-join($authors, ', '))"/>
          </xsl:if>
          <xsl:sequence select="'title: ' || tp:str($short-title)"/>
          <xsl:if test="$sub-title">
            <xsl:sequence select="'subtitle: ' || tp:str($sub-title)"/>
          </xsl:if>
          <xsl:if test="$source-date">
            <xsl:sequence select="'date: ' || tp:str($source-date)"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="exists($translators)">
        <xsl:sequence select="'translator: ' || tp:str(tp:label('translation') || ': '
            || string-join($translators, ', '))"/>
      </xsl:if>
    </xsl:variable>
    <xsl:sequence select="tp:call('titlepage', $args)"/>
  </xsl:function>

  <!-- key: [inline content of $els joined by line breaks], or nothing -->
  <xsl:function name="tp:named" as="xs:string?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="els" as="element()*"/>
    <xsl:if test="exists($els) and normalize-space(string-join($els))">
      <xsl:sequence select="$key || ': ' || string-join(for $e in $els return tp:content($e),
                                                        ' + linebreak() + ')"/>
    </xsl:if>
  </xsl:function>

  <!-- the inline content of $e as one Typst content expression -->
  <xsl:function name="tp:content" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$e/node()" mode="inl"/>
    </xsl:variable>
    <xsl:variable name="t" select="tp:tidy($parts)"/>
    <xsl:sequence select="if (empty($t)) then '[]' else '(' || string-join($t, ', ') || ',).join()'"/>
  </xsl:function>

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
              return tp:call('vl', tp:tidy((tp:pb-margin(tp:pulled($l)),
                                            tp:inline($l)))))"/>
        </xsl:when>
        <xsl:when test="current-grouping-key() = 'block'">
          <xsl:apply-templates select="current-group()" mode="blk"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="parts" as="xs:string*">
            <xsl:apply-templates select="current-group()" mode="inl"/>
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
    <xsl:apply-templates select="$e/node()" mode="inl"/>
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
    <xsl:choose>
      <xsl:when test="parent::div[@type = 'titlepage'] or ancestor::titlePage">
        <xsl:sequence select="tp:text-block('line-para', .)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tp:text-block('para', .)"/>
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
        tp:call('it', tp:tidy(tp:inline(.)))))"/>
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
    <xsl:sequence select="if ($g/@unit = 'graphic' or $g/@reason = 'graphic')
                          then tp:label('illustration') else '…'"/>
  </xsl:function>

  <xsl:template match="figure" mode="blk">
    <xsl:sequence select="tp:pbmark-for(.), tp:call('gap-block', tp:str(tp:label('illustration')))"/>
    <xsl:for-each select="head | p | figDesc">
      <xsl:sequence select="tp:call('line-para', tp:call('it', tp:tidy(tp:inline(.))))"/>
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
        <xsl:sequence select="tp:call('vl', tp:tidy((tp:pb-margin(tp:pbs-before(.)),
                                                     tp:inline(.))))"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="exists($lines)">
      <xsl:sequence select="tp:call('verse', $lines)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="l" mode="blk">
    <xsl:sequence select="tp:call('verse', tp:call('vl', tp:tidy((tp:pb-margin(tp:pulled(.)),
                                                                 tp:inline(.)))))"/>
  </xsl:template>

  <xsl:template match="list | listBibl" mode="blk">
    <xsl:sequence select="tp:pbmark-for(.)"/>
    <xsl:apply-templates select="head" mode="blk"/>
    <xsl:variable name="items" as="xs:string*">
      <xsl:for-each select="item | bibl | label">
        <xsl:sequence select="tp:call('item', (('mark: ' || tp:str(@n))[current()/self::item/@n],
                                               tp:tidy(tp:inline(.))))"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="exists($items)">
      <xsl:sequence select="tp:call('lst', $items)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="table" mode="blk">
    <xsl:sequence select="tp:pbmark-for(.)"/>
    <xsl:apply-templates select="head" mode="blk"/>
    <xsl:variable name="cols" select="max((row ! count(cell), 1))"/>
    <xsl:sequence select="tp:call('tbl', (string($cols),
        for $r in row return (for $c in $r/cell return tp:content($c),
                              for $i in (count($r/cell) + 1 to $cols) return '[]')))"/>
  </xsl:template>

  <xsl:template match="quote | q | said | cit | epigraph | floatingText | postscript | sp
                       | castList" mode="blk">
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
  <xsl:template match="*" mode="blk">
    <xsl:choose>
      <xsl:when test="*[tp:is-block(.)]">
        <xsl:call-template name="tp:blocks"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tp:text-block('para', .)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()" mode="blk">
    <xsl:sequence select="tp:call('para', tp:text(.))[normalize-space(current())]"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="blk inl"/>

  <!-- ================================================================ inline -->

  <!--
    Running text carries a line mark lm() every $tp:mark-every characters (at a space) and
    before a longer piece that follows markup, so that every full line of print holds one:
    edition.typ finds the last line of a page with them (line numbers). Not in notes: their
    lines are footnotes, not lines of the text.
  -->
  <xsl:variable name="tp:mark-every" as="xs:integer" select="if ($paper = 'a5') then 45 else 60"/>
  <xsl:variable name="tp:mark-regex" as="xs:string" select="'.{' || $tp:mark-every || '}[^ ]* '"/>
  <!-- (';j': Java's regular expressions, several times faster in Saxon than its own for
       these simple patterns, which mean the same in both syntaxes) -->

  <xsl:template match="text()" mode="inl">
    <xsl:sequence select="tp:running(., .)"/>
  </xsl:template>

  <!-- running text $text (at node $at) as Typst strings, with a line mark every
       $tp:mark-every characters, and before it where it follows markup -->
  <xsl:function name="tp:running" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="at" as="node()"/>
    <xsl:variable name="s" select="replace($text, '\s+', ' ', ';j')"/>
    <xsl:choose>
      <xsl:when test="$s eq ''"/>
      <xsl:when test="string-length($s) lt $tp:mark-every idiv 2 or $at/ancestor::note">
        <xsl:sequence select="tp:str($s)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$at/preceding-sibling::node()">lm()</xsl:if>
        <!-- cut after each match (U+E000 marks the cuts, analyze-string when the text has one) -->
        <xsl:variable name="pieces" select="if (contains($s, '&#xE000;'))
            then analyze-string($s, $tp:mark-regex)/*/string()
            else tokenize(replace($s, $tp:mark-regex, '$0&#xE000;', ';j'), '&#xE000;', ';j')
                 [. ne '']"/>
        <xsl:for-each select="$pieces">
          <xsl:if test="position() gt 1">lm()</xsl:if>
          <xsl:sequence select="tp:str(.)"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- a line end of the source: the reading text already has its space (or none, for a
       broken word); add one only where the encoder left the words touching -->
  <xsl:template match="lb" mode="inl">
    <xsl:if test="not(@break = 'no')
        and not(matches(string(preceding-sibling::node()[1][self::text()]), '\s$'))
        and not(matches(string(following-sibling::node()[1][self::text()]), '^\s'))
        and preceding-sibling::node() and following-sibling::node()">
      <xsl:sequence select="tp:str(' ')"/>
    </xsl:if>
  </xsl:template>

  <!-- a page of the source begins: the last pb of a run speaks for the run -->
  <xsl:template match="pb" mode="inl">
    <xsl:if test="not(tp:next(.)/self::pb)">
      <xsl:variable name="run" select="(tp:pbs-before(.), .)"/>
      <xsl:choose>
        <xsl:when test="empty(tp:prev(.)[not(self::pb)])">
          <xsl:sequence select="tp:call('pbm', tp:pb-args($run))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="tp:call('pb', tp:pb-args($run))"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="cb | anchor | index | ptr[not(starts-with(@target, '#'))] | fw | del
                       | choice/sic[../corr] | choice/abbr[../expan] | choice/orig[../reg]
                       | figDesc | graphic | media | teiHeader | interp | interpGrp | link
                       | linkGrp | milestone | witDetail"
                mode="inl"/>

  <xsl:template match="choice" mode="inl">
    <xsl:apply-templates select="(corr, reg, expan, *)[1]" mode="inl"/>
  </xsl:template>

  <xsl:template match="hi" mode="inl">
    <xsl:variable name="r" select="lower-case(string(@rend))"/>
    <xsl:variable name="fn" select="
        if (matches($r, 'bold|^b$|strong')) then 'bf'
        else if (matches($r, 'sup')) then 'sup'
        else if (matches($r, 'sub')) then 'sub'
        else if (matches($r, 'small-?caps|^sc$|caps')) then 'sc'
        else if (matches($r, 'underline|^u$')) then 'ul'
        else if (matches($r, 'spaced|letterspac|spärr|gesperrt')) then 'spaced'
        else 'it'"/>
    <xsl:sequence select="tp:wrap($fn, .)"/>
  </xsl:template>

  <xsl:function name="tp:wrap" as="xs:string?">
    <xsl:param name="fn" as="xs:string"/>
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="inner" as="xs:string*">
      <xsl:apply-templates select="$e/node()" mode="inl"/>
    </xsl:variable>
    <xsl:if test="exists($inner)">
      <xsl:sequence select="tp:call($fn, $inner)"/>
    </xsl:if>
  </xsl:function>

  <xsl:template match="emph | term | mentioned | distinct | gloss | title[not(@level = ('a', 'u'))]
                       | foreign" mode="inl">
    <xsl:variable name="code" select="tp:lang-code(@xml:lang)"/>
    <xsl:choose>
      <xsl:when test="@xml:lang and $code ne $lang">
        <xsl:sequence select="tp:call('lang', (tp:str($code), tp:wrap('it', .)))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tp:wrap('it', .)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- quotations: the marks of the language, once (not when the text has its own) -->
  <xsl:template match="q | soCalled | said | quote | title[@level = 'a']" mode="inl">
    <xsl:variable name="depth" select="count(ancestor::*[self::q or self::soCalled or self::said
                                                         or self::quote])"/>
    <!-- the source's own marks (rend="pre(») post(»)") where the TEI records them -->
    <xsl:variable name="rm" select="te:rend-marks(.)"/>
    <xsl:variable name="m" select="if (exists($rm)) then ($rm, $rm) else tp:quote-marks($lang)"/>
    <xsl:variable name="own" select="tp:has-own-marks(.)"/>
    <xsl:if test="not($own)">
      <xsl:sequence select="tp:str($m[if ($depth mod 2 = 0) then 1 else 3])"/>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="tp:has-blocks(.)">
        <xsl:for-each select="node()">
          <xsl:apply-templates select="." mode="inl"/>
          <xsl:if test="self::*[tp:is-block(.)] and following-sibling::*">
            <xsl:sequence select="'linebreak()'"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="node()" mode="inl"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="not($own)">
      <xsl:sequence select="tp:str($m[if ($depth mod 2 = 0) then 2 else 4])"/>
    </xsl:if>
  </xsl:template>

  <!-- names: mark the spot for the index (the first local @ref) -->
  <xsl:template match="persName | orgName | placeName | rs | name" mode="inl">
    <xsl:variable name="id" select="te:ref-ids(@ref)[1]"/>
    <xsl:variable name="inner" as="xs:string*">
      <xsl:apply-templates select="node()" mode="inl"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$id and exists($inner) and not(ancestor::teiHeader)">
        <xsl:variable name="entry" select="tp:entry($id)"/>
        <xsl:variable name="kind" select="if ($entry) then te:entry-kind($entry)
                                          else tp:mention-kind(.)"/>
        <xsl:sequence select="tp:call('nm', (tp:str($kind), tp:str($id), $inner))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="$inner"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="note" mode="inl">
    <xsl:sequence select="tp:footnote(.)"/>
  </xsl:template>

  <!-- critical apparatus: the lemma in the text, the entry a footnote marked with its letter -->
  <xsl:template match="app" mode="inl">
    <xsl:apply-templates select="te:app-text(.)/node()" mode="inl"/>
    <xsl:sequence select="tp:call('fn', ('mark: ' || tp:str(te:app-mark(.)), tp:str(te:app-entry(.))))"/>
  </xsl:template>

  <!-- a reference to a note elsewhere (ELTeC: notes in back/div[@type='notes']) -->
  <xsl:template match="ref[starts-with(@target, '#')] | ptr[starts-with(@target, '#')]" mode="inl">
    <xsl:variable name="target" select="key('tp:xmlid', substring(@target, 2))[1]"/>
    <xsl:choose>
      <xsl:when test="$target/self::note">
        <xsl:apply-templates select="node()" mode="inl"/>
        <xsl:sequence select="tp:footnote($target)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="node()" mode="inl"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="tp:footnote" as="xs:string">
    <xsl:param name="note" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:for-each select="$note/node()">
        <xsl:apply-templates select="." mode="inl"/>
        <xsl:if test="self::*[tp:is-block(.)] and following-sibling::*">
          <xsl:sequence select="'parbreak()'"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="tp:call('fn', (('mark: ' || tp:str($note/@n))[$note/@n[not(matches(., '^\d+$', ';j'))]],
                                         tp:tidy($parts)))"/>
  </xsl:function>

  <xsl:template match="gap" mode="inl">
    <xsl:sequence select="tp:call('gapmark', tp:str(tp:gap-label(.)))"/>
  </xsl:template>

  <xsl:template match="supplied" mode="inl">
    <xsl:sequence select="tp:str('[')"/>
    <xsl:apply-templates select="node()" mode="inl"/>
    <xsl:sequence select="tp:str(']')"/>
  </xsl:template>

  <xsl:template match="space" mode="inl">
    <xsl:sequence select="tp:str(' ')"/>
  </xsl:template>

  <!-- blocks met inside a line (verse in a paragraph, paragraphs in a note) -->
  <xsl:template match="l | lg | p | ab | item | head | label" mode="inl">
    <xsl:apply-templates select="node()" mode="inl"/>
    <xsl:if test="following-sibling::*[tp:is-block(.) or self::l or self::item]">
      <xsl:sequence select="'linebreak()'"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="inl">
    <xsl:apply-templates select="node()" mode="inl"/>
  </xsl:template>

  <!-- tokenised TEI (ELTeC level 2): a run of tokens with no markup inside (w, pc and the
       white space between them) is one piece of running text, spaced as te:token-gap says,
       with its line marks; a token with markup inside is read as any element is -->
  <xsl:template match="w[not(*)] | pc[not(*)]" mode="inl">
    <xsl:if test="not(tp:in-run(.))">
      <xsl:variable name="run" as="node()*">
        <xsl:iterate select="following-sibling::node()">
          <xsl:choose>
            <xsl:when test="self::w[not(*)] or self::pc[not(*)]
                or self::text()[not(normalize-space())]"><xsl:sequence select="."/></xsl:when>
            <xsl:otherwise><xsl:break/></xsl:otherwise>
          </xsl:choose>
        </xsl:iterate>
      </xsl:variable>
      <xsl:sequence select="tp:running(string-join((., $run) ! (if (. instance of text())
          then te:token-gap(.) else te:token-before(.) || string(.))), .)"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="w | pc" mode="inl">
    <xsl:sequence select="tp:str(' ')[te:token-before(current()) = ' ']"/>
    <xsl:apply-templates select="node()" mode="inl"/>
  </xsl:template>
  <xsl:template priority="1" mode="inl" match="text()[$te:tokenised][not(normalize-space())]
      [following-sibling::node()[1][self::w or self::pc] or preceding-sibling::node()[1][self::w or self::pc]]">
    <xsl:if test="not(tp:in-run(.))">
      <xsl:sequence select="tp:str(' ')[te:token-gap(current()) = ' ']"/>
    </xsl:if>
  </xsl:template>

  <!-- is $n a token or white space that goes on a run of tokens (read with its first)? -->
  <xsl:function name="tp:in-run" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:variable name="before" select="$n/preceding-sibling::node()[1]"/>
    <xsl:sequence select="exists($before[self::w[not(*)] or self::pc[not(*)]])
        or exists($before[self::text()[not(normalize-space())]]
                  /preceding-sibling::node()[1][self::w[not(*)] or self::pc[not(*)]])"/>
  </xsl:function>

  <!-- ================================================================ index -->

  <!--
    map { 'groups': Typst dictionaries per kind, 'names': index names in order } for every
    entity named with a local @ref in the text. Names come from the register; an id the
    register does not know keeps the words of its first mention.
  -->
  <xsl:function name="tp:index-groups" as="map(*)">
    <xsl:variable name="mentions" select="$root/TEI/text//(persName | orgName | placeName | rs
        | name)[@ref][normalize-space()]"/>
    <xsl:variable name="ids" select="distinct-values($mentions ! te:ref-ids(@ref)[1])"/>
    <xsl:variable name="entries" as="map(*)*" select="
        for $id in $ids return
          let $entry := tp:entry($id),
              $first := ($mentions[te:ref-ids(@ref)[1] = $id])[1]
          return map {
            'id': $id,
            'kind': if ($entry) then te:entry-kind($entry) else tp:mention-kind($first),
            'name': if ($entry and tp:index-name($entry) ne '') then tp:index-name($entry)
                    else normalize-space($first),
            'display': if ($entry and te:reg-name($entry) ne '') then te:reg-name($entry)
                       else normalize-space($first) }"/>
    <xsl:variable name="collation" select="'http://www.w3.org/2013/collation/UCA?lang='
        || $lang || ';strength=secondary'"/>
    <xsl:variable name="groups" as="xs:string*">
      <xsl:for-each select="('person', 'org', 'place')">
        <xsl:variable name="kind" select="."/>
        <xsl:variable name="these" as="map(*)*">
          <xsl:perform-sort select="$entries[?kind = $kind]">
            <!-- persons by surname: the register's, else the last word (the name is shown
                 as the register writes it, so a wrong guess only moves it in the list) -->
            <xsl:sort select="if ($kind = 'person' and not(contains(?name, ',')))
                              then replace(?name, '^(.*\s)?(\S+)$', '$2 $1') else ?name"
                      collation="{$collation}"/>
          </xsl:perform-sort>
        </xsl:variable>
        <xsl:if test="exists($these)">
          <xsl:sequence select="'(title: ' || tp:str(tp:label($kind)) || ', entries: ('
              || string-join(for $e in $these return
                   '(ref: ' || tp:str($e?id) || ', name: ' || tp:str($e?name) || '),', ' ')
              || '))'"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="map { 'groups': $groups, 'names': $entries ! ?display }"/>
  </xsl:function>

  <!-- ================================================================ colophon -->

  <xsl:function name="tp:colophon" as="xs:string">
    <xsl:variable name="pub" select="$header/fileDesc/publicationStmt"/>
    <xsl:variable name="sources" select="for $b in $header/fileDesc/sourceDesc/(bibl | biblStruct
        | biblFull | p | msDesc | listBibl/bibl) return tp:bibl($b)"/>
    <xsl:variable name="licence" select="normalize-space(string-join((
        $pub/availability/licence ! (if (normalize-space()) then normalize-space()
                                     else string(@target)),
        $pub/availability/p ! normalize-space(),
        (if ($pub/availability) then () else $pub/p ! normalize-space())), ' '))"/>
    <xsl:variable name="publisher" select="normalize-space(string-join(
        ($pub/publisher, $pub/distributor) ! normalize-space(), '; '))"/>
    <xsl:variable name="resps" as="xs:string*" select="
        for $r in $titleStmt/respStmt[not(matches(string(resp), 'transl|översätt|övers', 'i'))]
        return normalize-space($r/resp) || ': '
               || string-join($r/(name | persName | orgName) ! normalize-space(), ', ')"/>
    <xsl:variable name="apps" as="xs:string*" select="
        for $a in $header/encodingDesc/appInfo/application return
        let $s := normalize-space(string-join(($a/label, $a/@ident)[1]) || ' ' || $a/@version)
        return $s[not(some $r in $resps satisfies contains($r, $s))]"/>
    <xsl:variable name="encoding" as="xs:string*" select="($resps, $apps)"/>
    <xsl:variable name="rows" as="xs:string*">
      <xsl:sequence select="tp:row('source', string-join($sources[. ne ''], ' — '))"/>
      <xsl:sequence select="tp:row('publisher', $publisher)"/>
      <xsl:sequence select="tp:row('translation', string-join($translators, ', '))"/>
      <xsl:sequence select="tp:row('licence', $licence)"/>
      <xsl:sequence select="tp:row('encoding', string-join(distinct-values($encoding[. ne '']), '; '))"/>
      <xsl:sequence select="tp:row('language', $lang)"/>
      <xsl:sequence select="tp:row('edition', string-join((tp:label('typeset'), 'teiedition',
          $version, tp:label('and'), 'Typst', $typst-version), ' ') || ', Libertinus Serif, '
          || upper-case(substring($paper, 1, 1)) || substring($paper, 2))"/>
      <xsl:sequence select="tp:row('date', $build-date)"/>
      <xsl:sequence select="tp:row('file', $source-name)"/>
    </xsl:variable>
    <xsl:sequence select="tp:call('colophon', (tp:str(tp:label('colophon')),
        '(' || string-join($rows ! (. || ','), ' ') || ')'))"/>
  </xsl:function>

  <!-- a bibliographic description as one line: its parts joined with full stops -->
  <xsl:function name="tp:bibl" as="xs:string">
    <xsl:param name="b" as="element()"/>
    <xsl:variable name="text" select="te:bibl-text($b, ())"/>
    <xsl:sequence select="$text || (if ($text ne '' and not(matches($text, 'https?://\S*$|[.!?)]$'))) then '.'
        else '')"/>
  </xsl:function>

  <xsl:function name="tp:row" as="xs:string?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:if test="normalize-space($value)">
      <xsl:sequence select="'(' || tp:str(tp:label($key)) || ', ' || tp:str(normalize-space($value)) || ')'"/>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
