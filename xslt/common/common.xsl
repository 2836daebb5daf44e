<?xml version="1.0" encoding="UTF-8"?>
<!--
  The shared layer of teiedition's stylesheets (HTML and print): functions that read the
  metadata of a TEI document, resolve names against the register, normalise languages, and
  give every paragraph, line and section the same anchor in every output.

  Nothing here produces output markup; output-specific modules import this one.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <!-- Paragraphs and verse lines are numbered in document order inside each TEI document;
       accumulators make that linear instead of counting preceding nodes for each one. -->
  <xsl:accumulator name="te:p-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="tei:text//tei:p[not(ancestor::tei:note)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="te:l-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="tei:text//tei:l" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="te:pb-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="tei:text//tei:pb" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Every element of a text numbered in document order: ids for tooltips and note links
       that are the same in every run and every process (generate-id() is not). -->
  <xsl:accumulator name="te:node-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="tei:text//*" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Notes of the text in document order (a note inside a note comes after it): their
       numbers where the TEI gives none. -->
  <xsl:accumulator name="te:note-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="tei:text//tei:note" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Critical apparatus entries (app) in document order: their marks a, b, c ... -->
  <xsl:accumulator name="te:app-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:TEI" select="0"/>
    <xsl:accumulator-rule match="tei:text//tei:app[te:app-lists(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- registers and indexes: how names are listed and sorted -->
  <xsl:include href="sort.xsl"/>

  <xsl:key name="te:by-id" match="*[@xml:id]" use="@xml:id"/>
  <xsl:key name="te:entry" match="tei:person | tei:org | tei:place | tei:bibl" use="@xml:id"/>
  <xsl:key name="te:pb-n" match="tei:pb[@n]" use="@n"/>

  <!-- A language tag the output can carry: ELTeC writes xml:lang="sw" (Swahili) for Swedish,
       so "sw" with a Swedish langUsage becomes "sv"; three-letter codes we know become two. -->
  <xsl:function name="te:lang" as="xs:string?">
    <xsl:param name="node" as="node()?"/>
    <xsl:variable name="raw" select="string($node/ancestor-or-self::*[@xml:lang][1]/@xml:lang)"/>
    <xsl:variable name="usage" select="lower-case(string(($node/ancestor-or-self::tei:TEI/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident)[1]))"/>
    <!-- a TEI whose root has no xml:lang: its text's (EEBO-TCP, Perseus: <text xml:lang="lat">),
         before langUsage, whose first language need not be the text's (papyri.info lists
         English, the language of the header, first) -->
    <xsl:variable name="text" select="string($node/self::tei:TEI/tei:text/@xml:lang)"/>
    <xsl:variable name="tag" select="
        if ($raw = 'sw' and $usage = ('swe', 'sv', 'sv-se')) then 'sv'
        else if ($raw != '') then te:lang-code($raw)
        else if ($text != '') then te:lang-code($text)
        else if ($usage != '') then te:lang-code($usage)
        else ()"/>
    <xsl:sequence select="$tag[matches(., '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$')]"/>
  </xsl:function>

  <!-- Is a language (BCP 47 tag) written right to left? Arabic, Hebrew, Persian, Urdu,
       Yiddish, Syriac … or any tag with a right-to-left script subtag. -->
  <xsl:function name="te:rtl" as="xs:boolean">
    <xsl:param name="tag" as="xs:string?"/>
    <xsl:variable name="t" select="lower-case(string($tag))"/>
    <xsl:sequence select="tokenize($t, '-')[1] = ('ar', 'ara', 'he', 'heb', 'fa', 'fas', 'per',
        'ur', 'urd', 'yi', 'yid', 'syr', 'syc', 'arc', 'ps', 'pus', 'sd', 'ug', 'dv', 'ckb',
        'sam', 'lad', 'jrb', 'ota', 'hbo')
        or matches($t, '-(arab|hebr|syrc|thaa|samr|nkoo|adlm|mand)(-|$)')"/>
  </xsl:function>

  <!-- Quotation marks for a language (outer open, outer close, inner open, inner close),
       from quote-marks.xml, the table the HTML edition's stylesheet is made from too -->
  <xsl:variable name="te:quote-table" select="doc('quote-marks.xml')/quote-marks/marks"/>
  <xsl:function name="te:quote-marks" as="xs:string+">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="m" select="($te:quote-table[tokenize(@langs) = $lang],
                                    $te:quote-table[@langs = ''])[1]"/>
    <xsl:sequence select="$m/(@open, @close, @inner-open, @inner-close) ! string()"/>
  </xsl:function>

  <xsl:function name="te:lang-code" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:variable name="three" select="map{'swe':'sv', 'eng':'en', 'deu':'de', 'ger':'de',
        'fra':'fr', 'fre':'fr', 'nor':'no', 'nob':'nb', 'dan':'da', 'fin':'fi', 'rus':'ru',
        'spa':'es', 'ita':'it', 'lat':'la', 'por':'pt', 'pol':'pl'}"/>
    <xsl:sequence select="($three(lower-case($code)), $code)[1]"/>
  </xsl:function>

  <!-- A value usable as an HTML class or file name part: ASCII letters, digits and '-'. -->
  <xsl:function name="te:token" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="replace(replace(lower-case(normalize-space($value)), '[^a-z0-9]+', '-'), '^-+|-+$', '')"/>
  </xsl:function>

  <!-- ===== metadata of one TEI document ===== -->

  <xsl:function name="te:title" as="xs:string">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="ts" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="t" select="($ts/tei:title[@type = 'main'], $ts/tei:title[not(@type = 'sub')], $ts/tei:title)[1]"/>
    <!-- ELTeC titles read "Norrtullsligan: ELTeC-utgåvan"; the edition label is not the title -->
    <xsl:variable name="s" select="replace(normalize-space(string($t)), '\s*:\s*ELTeC[- ]\S*$', '')"/>
    <xsl:sequence select="if ($s != '') then $s else '(untitled)'"/>
  </xsl:function>

  <xsl:function name="te:subtitle" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space(($tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type = 'sub'])[1])[. != '']"/>
  </xsl:function>

  <xsl:function name="te:authors" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author ! normalize-space(.)[. != '']"/>
  </xsl:function>

  <!-- Translators: respStmt whose resp says translation (English or Swedish). -->
  <xsl:function name="te:translators" as="xs:string*">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:respStmt
        [matches(string(tei:resp), 'transl|översätt|övers', 'i')]/(tei:name | tei:persName) ! normalize-space(.)"/>
  </xsl:function>

  <!-- The date of the text: the source's date, else the title page's docDate. -->
  <xsl:function name="te:date" as="element()?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <!-- ELTeC describes the digital source and the first edition: the first edition dates the text -->
    <xsl:variable name="sd" select="$tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:sequence select="($sd//tei:bibl[@type = 'firstEdition']//tei:date[normalize-space() or @when],
        $sd//tei:bibl[@type = 'printSource']//tei:date[normalize-space() or @when],
        $sd//tei:bibl//tei:date[normalize-space() or @when],
        $tei/tei:text/tei:front//tei:docDate)[1]"/>
  </xsl:function>

  <!-- The edition the text belongs to (editionStmt: teiedition.toml fills it). -->
  <xsl:function name="te:edition-title" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="normalize-space(string-join($tei/tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition
        ! string-join((tei:title, text()[normalize-space()]) ! normalize-space(), ': '), '; '))[. != '']"/>
  </xsl:function>

  <!-- Who published the digital edition, where and when: "Publisher, Place 2026". -->
  <xsl:function name="te:imprint" as="xs:string?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:variable name="ps" select="$tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt"/>
    <xsl:sequence select="string-join((string-join(($ps/tei:publisher, $ps/tei:authority) ! normalize-space()[. != ''], '; '),
        string-join(($ps/tei:pubPlace, $ps/tei:date) ! normalize-space()[. != ''], ' '))[. != ''], ', ')[. != '']"/>
  </xsl:function>

  <!-- What the transcriber wrote of an omission (gap/desc: "inaudible", EEBO's "•" per
       letter), or (): HTML and print show it as the gap's mark. -->
  <xsl:function name="te:gap-desc" as="xs:string?">
    <xsl:param name="gap" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($gap/tei:desc, ' '))[. ne '']"/>
  </xsl:function>

  <xsl:function name="te:licence" as="element()?">
    <xsl:param name="tei" as="element(tei:TEI)"/>
    <xsl:sequence select="($tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt//tei:licence,
        $tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability,
        $tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:p)[1]"/>
  </xsl:function>

  <!-- The quotation marks the source used, where the TEI records them: rend="pre(») post(»)"
       (teiedition keeps marks other than the language's default this way). Empty: none
       recorded, the edition uses the language's marks. -->
  <xsl:function name="te:rend-marks" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="pre" select="replace($e/@rend, '^.*pre\((.*?)\).*$', '$1', 's')[matches($e/@rend, 'pre\(')]"/>
    <xsl:variable name="post" select="replace($e/@rend, '^.*post\((.*?)\).*$', '$1', 's')[matches($e/@rend, 'post\(')]"/>
    <xsl:sequence select="if (exists($pre) or exists($post)) then (($pre, '')[1], ($post, '')[1]) else ()"/>
  </xsl:function>

  <!-- Do quotation elements (q, soCalled) carry their marks in the text? The profile says
       marks="none" (render them); a header saying "all" means the text already has them. -->
  <xsl:function name="te:render-quote-marks" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="not($node/ancestor-or-self::tei:TEI[1]/tei:teiHeader//tei:editorialDecl//tei:quotation[@marks = 'all'])"/>
  </xsl:function>

  <!-- Does the text of a quotation element carry its own marks, so that none are added (in
       HTML and print alike)? The header says the text has them all, or its text begins with a
       quotation mark - not with U+2019, which begins elided words ('tis), unless it ends with
       a mark too. A quotation whose text opens with a mark but does not close with one (a
       broken entity or a note at its end; a speech running on into the next paragraph) gets
       none added: the source wrote its marks itself. -->
  <xsl:variable name="te:marks" select="'&quot;&#x201D;&#x201C;&#x201E;&#xAB;&#xBB;&#x2018;&#x2019;&#x201A;&#x2039;&#x203A;'''"/>
  <xsl:function name="te:has-own-marks" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="s" select="normalize-space(string($e))"/>
    <xsl:variable name="first" select="substring($s, 1, 1)"/>
    <xsl:sequence select="not(te:render-quote-marks($e)) or (string-length($s) ge 2
        and contains($te:marks, $first)
        and ($first ne '&#x2019;' or contains($te:marks, substring($s, string-length($s), 1))))"/>
  </xsl:function>

  <!-- A bibliographic description (sourceDesc's bibl, p, msDesc ...) as one line of text: its
       words as written, and a full stop between two parts that stand side by side with
       nothing written between them (ELTeC: <title/><author/><date/>); a link without text
       gives its target. $skip: parts shown elsewhere. -->
  <xsl:function name="te:bibl-text" as="xs:string">
    <xsl:param name="b" as="element()"/>
    <xsl:param name="skip" as="element()*"/>
    <!-- noncharacters mark where each part begins and ends (never in interchanged text) -->
    <xsl:variable name="marked" select="string-join(
        for $n in $b/node()[not(. intersect $skip)] return
          if ($n instance of text()) then string($n)
          else if ($n instance of element()) then '&#xFDD0;' || (
            if ($n/self::tei:ref and not(normalize-space($n))) then ' ' || $n/@target || ' '
            else string-join($n//text()[not(ancestor::* intersect $skip)])) || '&#xFDD1;'
          else '')"/>
    <xsl:sequence select="normalize-space(replace(replace(replace(replace($marked,
        '([!?])&#xFDD1;\s*&#xFDD0;', '$1 '),
        '[.,;:]?\s*&#xFDD1;\s*&#xFDD0;', '. '),
        '[&#xFDD0;&#xFDD1;]', ''),
        '\.(\s*\.)+', '.'))"/>
  </xsl:function>

  <!-- ===== critical apparatus (app, lem, rdg, rdgGrp): the same in HTML and print ===== -->

  <!-- The reading the text shows: the lemma, or where there is none the first reading. -->
  <xsl:function name="te:app-text" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="($app/(tei:lem | tei:rdgGrp/tei:lem), $app/(tei:rdg | tei:rdgGrp/tei:rdg))[1]"/>
  </xsl:function>

  <!-- A supplied passage is set in square brackets, unless its text has them already (a
       diary's editors wrote <supplied>[£]</supplied>: not "[[£]]"). -->
  <xsl:function name="te:supplied-brackets" as="xs:boolean">
    <xsl:param name="supplied" as="element()"/>
    <xsl:variable name="s" select="normalize-space(string($supplied))"/>
    <xsl:sequence select="not(starts-with($s, '[') and ends-with($s, ']'))"/>
  </xsl:function>

  <!-- Dictionaries: the parts of an entry that are blocks of their own (a sense, a related
       entry, an entry in an entry) and the headword (the orth of an entry's first form). -->
  <xsl:function name="te:is-dict-block" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="exists($n/(self::tei:entry | self::tei:entryFree | self::tei:superEntry
        | self::tei:sense | self::tei:re | self::tei:p | self::tei:ab | self::tei:list
        | self::tei:table | self::tei:lg | self::tei:figure))"/>
  </xsl:function>
  <!-- The numbers a sense's line begins with: its own (@n), after those of the senses around
       it that have nothing of their own before it ("1 a" where sense 1 begins with sense a). -->
  <xsl:function name="te:sense-numbers" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="parent" select="$e/parent::tei:sense"/>
    <xsl:sequence select="(
        if ($parent and empty($e/preceding-sibling::node()[self::* or self::text()[normalize-space()]]))
        then te:sense-numbers($parent) else (),
        $e/self::tei:sense/@n/normalize-space()[. ne ''])"/>
  </xsl:function>
  <!-- How many steps (1.2em) a dictionary block's lines are set in, in HTML (style.css:
       .tei-sense, .tei-re) and print alike: one for each related entry and each sense around
       it or itself, but a sense directly in its entry stands flush with the headword. -->
  <xsl:function name="te:dict-depth" as="xs:integer">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="count($e/ancestor-or-self::*[self::tei:re
        or self::tei:sense[not(parent::tei:entry | parent::tei:entryFree)]])"/>
  </xsl:function>
  <xsl:function name="te:is-headword" as="xs:boolean">
    <xsl:param name="orth" as="element()"/>
    <xsl:sequence select="exists($orth/parent::tei:form[parent::tei:entry | parent::tei:entryFree
        | parent::tei:superEntry][. is ../tei:form[1]])"/>
  </xsl:function>

  <!-- Does the app list readings (rdg, rdgGrp, witDetail)? One that does not is no entry of
       the apparatus (no mark, nothing in the list of variants): Perseus's notes mark the lemma
       they discuss so, <note><app><lem>loco</lem></app> modo</note>, which reads "loco] modo"
       (te:app-lemma-end). -->
  <xsl:function name="te:app-lists" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="exists($app/(tei:rdg | tei:rdgGrp | tei:witDetail))"/>
  </xsl:function>

  <!-- What follows the lemma of an app that lists no readings: "]" inside a note (the note
       says what the lemma's witnesses have), nothing in the text. -->
  <xsl:function name="te:app-lemma-end" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="if ($app/ancestor::tei:note) then ']' else ''"/>
  </xsl:function>

  <!-- An entry's mark: a, b, ... z, aa (letters: footnotes have figures). -->
  <xsl:function name="te:app-mark" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="format-integer($app ! accumulator-before('te:app-count'), 'a')"/>
  </xsl:function>

  <xsl:function name="te:app-id" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="'app-' || te:node-id($app)"/>
  </xsl:function>

  <!-- An entry of the apparatus as a line of text, in the usual form: the lemma and its
       witnesses before "]", then each reading with its witnesses ("om." where a reading is
       empty: the witness leaves the words out). Witnesses are their @wit pointers' ids. -->
  <xsl:function name="te:app-entry" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="readings" as="xs:string*" select="
        for $r in $app/(tei:lem | tei:rdg | tei:rdgGrp/tei:lem | tei:rdgGrp/tei:rdg)
        return string-join(((te:plain($r)[. ne ''], 'om.')[1],
            tokenize(normalize-space($r/@wit), ' ') ! replace(., '^.*#', '')[. ne '']), ' ')
            || (']'[$r/self::tei:lem])"/>
    <!-- what the apparatus says of a witness's reading (witDetail: "korrigiert aus komen") -->
    <xsl:variable name="details" as="xs:string*" select="
        for $d in $app/(tei:witDetail | tei:rdgGrp/tei:witDetail)[normalize-space()]
        return '(' || string-join((tokenize(normalize-space($d/@wit), ' ')
            ! replace(., '^.*#', '')[. ne ''], te:plain($d)), ': ') || ')'"/>
    <xsl:sequence select="string-join((string-join($readings, '; ') => replace('\]; ', '] '),
                                       $details), ' ')"/>
  </xsl:function>

  <!-- ===== tokenised TEI (ELTeC level 2, ParlaMint, tagger output): a w or pc per token ===== -->

  <!-- Does the document hold tokens at all? (Patterns ask it first: other TEI pays nothing
       for the white-space rule below.) -->
  <xsl:variable name="te:tokenised" as="xs:boolean" select="exists((//tei:w)[1]) or exists((//tei:pc)[1])"/>

  <!-- The white space between two tokens, which such TEI writes for layout (a line end after
       every token), read as the text would be printed: a space between words; nothing
       before closing or after opening punctuation, after an elided word (d', l', dell') or
       before a clitic (-on, -t-il, n't, 's), nor where @join joins the tokens (te:gap). Only
       the unambiguous marks: quotation marks open in one language and close in another. -->
  <xsl:function name="te:token-gap" as="xs:string">
    <xsl:param name="space" as="text()"/>
    <!-- at the edge of a block (after its last token, before its first): nothing -->
    <xsl:sequence select="if ($space/parent::*[self::tei:p or self::tei:head or self::tei:l
            or self::tei:item or self::tei:label or self::tei:ab or self::tei:cell]
            and not($space/following-sibling::node() and $space/preceding-sibling::node())) then ''
        else te:gap($space/preceding::*[self::tei:w or self::tei:pc][1],
                    $space/following::*[self::tei:w or self::tei:pc][1])"/>
  </xsl:function>

  <!-- Where tokens stand side by side with no white space, a document that marks joined
       tokens with @join means the others to be apart: the same space between them. -->
  <xsl:key name="te:join" match="tei:w[@join] | tei:pc[@join]" use="'join'"/>
  <xsl:function name="te:token-before" as="xs:string">
    <xsl:param name="token" as="element()"/>
    <xsl:variable name="prev" select="$token/preceding-sibling::node()[1][self::tei:w or self::tei:pc]"/>
    <xsl:sequence select="if (exists($prev) and exists(key('te:join', 'join', $token/ancestor::tei:TEI[1])))
        then te:gap($prev, $token) else ''"/>
  </xsl:function>

  <xsl:function name="te:gap" as="xs:string">
    <xsl:param name="prev" as="element()?"/>
    <xsl:param name="next" as="element()?"/>
    <xsl:variable name="a" select="normalize-space($prev)"/>
    <xsl:variable name="b" select="normalize-space($next)"/>
    <xsl:sequence select="if (empty($prev) or empty($next)) then ' '
        else if ($prev/@join = ('right', 'both') or $next/@join = ('left', 'both')) then ''
        else if (matches($b, '^([.,;:!?…)\]}%]+|-\p{L}.*|[''’]\p{L}+|n[''’]t)$')) then ''
        else if (matches($a, '^([(\[{„¿¡]+|\p{L}{1,4}[''’])$')) then ''
        else ' '"/>
  </xsl:function>

  <!-- ===== anchors: the same in HTML, print and the register ===== -->

  <!-- The xml:id of $e if no other element of its TEI document has it (the HTML must not
       repeat an id even where the TEI does). -->
  <xsl:function name="te:own-id" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/@xml:id[count(key('te:by-id', ., $e/ancestor::tei:TEI[1])) = 1] ! string(.)"/>
  </xsl:function>

  <!-- Element-only content (msIdentifier, imprint, castItem, an ab of segs, an author of
       forename and surname): no text of its own, so the white space between its children is
       not significant in TEI, and <idno>C 93</idno><title>Psalter</title> are two phrases,
       not one word: HTML and print set its children apart. Not where children join into one
       word: tokens, glyphs, abbreviation and expansion, additions and corrections,
       highlighting. -->
  <xsl:function name="te:apart" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="empty($e/text()[normalize-space()]) and count($e/*) gt 1
        and empty($e/*[te:glues(.)])"/>
  </xsl:function>

  <!-- Does a line end without @break join the parts of a word? Where the encoder kept the
       source's hyphen in the text (Deutsches Textarchiv: "Leip-<lb/>zig",
       "<hi>Poſt</hi>-<lb/>Kutſche") and a letter goes on, the line broke a word or a
       compound: read "Leip-zig", not "Leip- zig". (@break is optional in TEI; without it the
       evidence decides.) -->
  <xsl:function name="te:lb-joins" as="xs:boolean">
    <xsl:param name="lb" as="element()"/>
    <xsl:sequence select="empty($lb/@break)
        and matches(string($lb/preceding-sibling::node()[1][self::text()]), '(^|\p{L})[-¬⸗=]$')
        and matches(string($lb/following-sibling::node()[1][self::text()]), '^\p{L}')"/>
  </xsl:function>

  <xsl:function name="te:glues" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(self::tei:w | self::tei:pc | self::tei:c | self::tei:g
        | self::tei:hi | self::tei:ex | self::tei:am | self::tei:abbr | self::tei:expan
        | self::tei:choice | self::tei:add | self::tei:del | self::tei:corr | self::tei:sic
        | self::tei:orig | self::tei:reg | self::tei:subst | self::tei:supplied
        | self::tei:unclear | self::tei:damage | self::tei:seg[@type = ('morph', 'syll')]))"/>
  </xsl:function>

  <!-- A stable id for any element: n + its number in its text, or for the header (the index
       page shows several) h + the text's page name + its path of sibling positions. -->
  <xsl:function name="te:node-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if ($e/ancestor::tei:text) then 'n' || $e ! accumulator-before('te:node-count')
        else string-join(('h', $e/ancestor::*[local-name() = 'text'][@file][1]/@file ! te:token(.),
            $e/ancestor-or-self::*[ancestor::tei:TEI] ! string(count(preceding-sibling::*) + 1)), '-')"/>
  </xsl:function>

  <!-- A paragraph's citable id: its xml:id, else p + its position in the document. -->
  <xsl:function name="te:p-id" as="xs:string">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="(te:own-id($p), 'p' || $p ! accumulator-before('te:p-count'))[1]"/>
  </xsl:function>

  <!-- The number shown beside a paragraph (its citation number). -->
  <xsl:function name="te:p-number" as="xs:string">
    <xsl:param name="p" as="element()"/>
    <xsl:sequence select="if ($p/@xml:id and matches($p/@xml:id, '^p\d+$')) then substring($p/@xml:id, 2)
        else string($p ! accumulator-before('te:p-count'))"/>
  </xsl:function>

  <xsl:function name="te:l-id" as="xs:string">
    <xsl:param name="l" as="element()"/>
    <xsl:sequence select="(te:own-id($l), 'l' || $l ! accumulator-before('te:l-count'))[1]"/>
  </xsl:function>

  <!-- The number a verse line shows beside it: its @n (the last part of "1.2.15") where it
       is a multiple of 5, as editions of verse and drama number their lines. -->
  <xsl:function name="te:l-number" as="xs:string?">
    <xsl:param name="l" as="element()"/>
    <xsl:variable name="last" select="tokenize(normalize-space($l/@n), '\.')[last()]"/>
    <xsl:sequence select="$last[matches(., '^\d{1,6}$')][xs:integer(.) mod 5 = 0 and xs:integer(.) gt 0]"/>
  </xsl:function>

  <!-- A section's id: its xml:id, else sec- plus its position among divs (1-2-3). -->
  <xsl:function name="te:div-id" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <!-- texts inside a group of texts number their sections apart: sec-t2-1 -->
    <xsl:variable name="group" select="$div/ancestor::tei:text[parent::tei:group]
        ! ('t' || (count(preceding-sibling::tei:text) + 1) || '-')"/>
    <xsl:sequence select="if (te:own-id($div)) then te:own-id($div)
        else (if ($div/ancestor::tei:front) then 'front-' else if ($div/ancestor::tei:back) then 'back-' else 'sec-')
          || string-join($group, '') || string-join(($div/ancestor-or-self::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3]
            ! te:div-position(.)), '-')"/>
  </xsl:function>

  <!-- A division's number among its sibling divisions. Counting the ones before it is quick
       for a few; where there are many (letters, diary entries: 3,000 sibling divisions took
       1.4 s, counted for each), the numbers of all of them are looked up in one table. -->
  <xsl:function name="te:div-position" as="xs:integer">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="if (exists($div/preceding-sibling::*[self::tei:div or self::tei:div1
            or self::tei:div2 or self::tei:div3][64]) and root($div) is root($te:div-table-root))
        then $te:div-positions(generate-id($div))
        else count($div/preceding-sibling::*[self::tei:div or self::tei:div1 or self::tei:div2
            or self::tei:div3]) + 1"/>
  </xsl:function>
  <xsl:variable name="te:div-table-root" select="/"/>
  <xsl:variable name="te:div-positions" as="map(xs:string, xs:integer)" select="map:merge(
      for $parent in //*[count(*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3]) gt 64]
      return let $divs := $parent/*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3]
             return for $i in 1 to count($divs) return map{generate-id($divs[$i]): $i})"/>

  <!-- A page break's id: page-N when N is unique in the document, else pb-K (K-th break). -->
  <xsl:function name="te:pb-id" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:variable name="n" select="string($pb/@n)"/>
    <!-- an HTML id holds no white space; a page number that repeats gets the break's ordinal -->
    <xsl:sequence select="if ($n != '' and $n = translate($n, ' &#9;&#10;&#13;', '') and count(key('te:pb-n', $n, $pb/ancestor::tei:TEI[1])) = 1)
        then 'page-' || $n else 'pb-' || $pb ! accumulator-before('te:pb-count')"/>
  </xsl:function>

  <!-- Where a mention is cited: its paragraph (or line, heading's section, title page). -->
  <xsl:function name="te:anchor" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="host" select="$node/ancestor::*[self::tei:p or self::tei:l or self::tei:head
        or self::tei:titlePage or self::tei:note][1]"/>
    <xsl:sequence select="
        if (empty($host)) then 'text'
        else if ($host/self::tei:p) then te:p-id($host)
        else if ($host/self::tei:l) then te:l-id($host)
        else if ($host/self::tei:head and $host/parent::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3]) then te:div-id($host/..)
        else if ($host/self::tei:note) then te:note-id($host)
        else if ($host/self::tei:titlePage) then 'titlepage'
        else 'text'"/>
  </xsl:function>

  <xsl:function name="te:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(te:own-id($note), 'note-' || te:node-id($note))[1]"/>
  </xsl:function>

  <!-- ===== register ===== -->

  <!-- The local ids that @ref names ("#pers-x" or "#a #b"); external URIs are ignored. -->
  <xsl:function name="te:ref-ids" as="xs:string*">
    <xsl:param name="ref" as="attribute()?"/>
    <xsl:sequence select="tokenize(normalize-space($ref), ' ')[starts-with(., '#')] ! substring(., 2)"/>
  </xsl:function>

  <xsl:function name="te:entry" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:param name="register" as="node()?"/>
    <xsl:sequence select="if (empty($register)) then ()
        else (te:ref-ids($name/@ref) ! te:entry-by-id(., $register))[1]"/>
  </xsl:function>

  <!-- The entry an id names; an entry an editor merged into another (@sameAs="#other")
       stands for that one, so references to the old id keep working. -->
  <xsl:function name="te:entry-by-id" as="element()?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="register" as="node()"/>
    <xsl:variable name="e" select="key('te:entry', $id, $register)[1]"/>
    <xsl:variable name="to" select="substring-after(normalize-space($e/@sameAs), '#')"/>
    <xsl:sequence select="if ($to ne '' and $to ne $id)
        then (key('te:entry', $to, $register)[1], $e)[1] else $e"/>
  </xsl:function>

  <xsl:function name="te:entry-kind" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="local-name($entry)"/>
  </xsl:function>

  <!-- An entry's normalised name: the type="reg" name, else the first name it has. -->
  <xsl:function name="te:reg-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(tei:persName | tei:orgName | tei:placeName | tei:name | tei:title)"/>
    <xsl:variable name="n" select="normalize-space(string(($names[@type = 'reg'], $names)[1]))"/>
    <xsl:sequence select="if ($n != '') then $n else string($entry/@xml:id)"/>
  </xsl:function>

  <xsl:function name="te:reg-name-element" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="$entry/(tei:persName | tei:orgName | tei:placeName | tei:name | tei:title)"/>
    <xsl:sequence select="($names[@type = 'reg'], $names)[1]"/>
  </xsl:function>

  <xsl:function name="te:variants" as="xs:string*">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="reg" select="te:reg-name($entry)"/>
    <xsl:sequence select="distinct-values($entry/(tei:persName | tei:orgName | tei:placeName | tei:name | tei:title)
        ! normalize-space(.))[. != '' and . != $reg]"/>
  </xsl:function>

  <!-- ===== dates ===== -->

  <!-- An ISO value as HTML's datetime accepts it (year, year-month, date, yearless date). -->
  <xsl:function name="te:html-datetime" as="xs:string?">
    <xsl:param name="when" as="xs:string?"/>
    <xsl:sequence select="$when[matches(., '^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$')]"/>
  </xsl:function>

  <xsl:function name="te:date-value" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="
        if ($date/@when) then string($date/@when)
        else if ($date/@from or $date/@to) then string-join((string($date/@from), string($date/@to)), ' – ')
        else if ($date/@notBefore or $date/@notAfter) then string-join((string($date/@notBefore), string($date/@notAfter)), ' – ')
        else ()"/>
  </xsl:function>

  <!-- ===== the reading text of any element (for search, mention snippets, titles) ===== -->

  <xsl:mode name="te:plain" on-no-match="text-only-copy"/>
  <xsl:template match="tei:note | tei:teiHeader | tei:fw" mode="te:plain"/>
  <xsl:template match="tei:lb[not(@break = 'no')]" mode="te:plain"><xsl:text> </xsl:text></xsl:template>
  <!-- the editor's signs, as the reading text has them: supplied words in brackets, a gap as
       [its desc] or […]; else an apparatus entry read ὀκτωκαιδεκάτου] ὀκτωκαιδεκάτου for
       ὀκτ<supplied>ω</supplied>καιδεκάτου against ὀκτωκ<supplied>αι</supplied>δεκάτου, and a
       reading with gaps as one word (ανυμ.ιω) -->
  <xsl:template match="tei:supplied" mode="te:plain">
    <xsl:variable name="brackets" select="te:supplied-brackets(.)"/>
    <xsl:value-of select="'['[$brackets]"/>
    <xsl:apply-templates mode="te:plain"/>
    <xsl:value-of select="']'[$brackets]"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="te:plain">
    <xsl:value-of select="'[' || (te:gap-desc(.), '…')[1] || ']'"/>
  </xsl:template>
  <xsl:template match="tei:p | tei:l | tei:head | tei:item | tei:label | tei:lg | tei:div
      | tei:titlePart | tei:docAuthor | tei:docDate | tei:cell" mode="te:plain">
    <xsl:text> </xsl:text><xsl:apply-templates mode="te:plain"/><xsl:text> </xsl:text>
  </xsl:template>

  <xsl:function name="te:plain" as="xs:string">
    <xsl:param name="node" as="node()*"/>
    <xsl:choose>
      <!-- most passages hold only text and phrase-level markup: their string value is it -->
      <xsl:when test="not($node/descendant-or-self::*[self::tei:lb or self::tei:note or self::tei:teiHeader or self::tei:fw
          or self::tei:supplied or self::tei:gap
          or self::tei:p or self::tei:l or self::tei:head or self::tei:item or self::tei:label
          or self::tei:lg or self::tei:div or self::tei:titlePart or self::tei:docAuthor
          or self::tei:docDate or self::tei:cell][not(. is $node)])">
        <xsl:sequence select="normalize-space(string-join($node ! string(.)))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="t" as="item()*"><xsl:apply-templates select="$node" mode="te:plain"/></xsl:variable>
        <xsl:sequence select="normalize-space(string-join($t))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- What a pointer inside the document (ptr target="#x", no words of its own) shows: its
       target's number (@n) and heading, else the target's first words, so that the reader
       sees where it points (the TEI Stylesheets show a target's number and heading). -->
  <xsl:function name="te:ptr-label" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:variable name="head" select="te:plain($target/tei:head[1])"/>
    <xsl:variable name="words" select="tokenize(substring(te:plain($target), 1, 200), ' ')"/>
    <xsl:variable name="n" select="normalize-space($target/@n)"/>
    <xsl:sequence select="if ($n or $head) then string-join(($n[.], $head[.]), ' ')
        else if (count($words) le 6) then string-join($words, ' ')
        else string-join(subsequence($words, 1, 6), ' ') || ' …'"/>
  </xsl:function>

</xsl:stylesheet>
