<?xml version="1.0" encoding="UTF-8"?>
<!--
  Mode inl: running text inside a block (line marks for line numbers, page breaks inside a
  line, highlighting, quotation marks, editorial markup, tokenised TEI).
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
      <xsl:when test="contains($s, '&#xE000;')">
        <!-- (the rare text with U+E000 itself: cut after each match, a literal a piece) -->
        <xsl:if test="$at/preceding-sibling::node()">lm()</xsl:if>
        <xsl:for-each select="analyze-string($s, $tp:mark-regex)/*/string()">
          <xsl:if test="position() gt 1">lm()</xsl:if>
          <xsl:sequence select="tp:str(.)"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$at/preceding-sibling::node()">lm()</xsl:if>
        <!-- U+E000 after each match that text follows, the whole escaped at once, then each
             U+E000 closes the literal, a line mark, a new literal: one item of literals and
             marks, which tp:tidy merges with the literals beside it as it would merge one
             literal (a third of the stylesheet's time was the marks, a literal a piece). The
             mark follows a space, never a backslash: it ends the literal. -->
        <xsl:sequence select="replace(tp:str(replace($s, $tp:mark-regex || '(?=.)',
            '$0&#xE000;', ';j')), '&#xE000;', '&quot;, lm(), &quot;', ';j')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- a line end of the source: the reading text already has its space (or none, for a
       broken word); add one only where the encoder left the words touching -->
  <xsl:template match="lb" mode="inl">
    <xsl:if test="not(@break = 'no') and not(te:lb-joins(.))
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

  <xsl:template match="cb | anchor | index | ptr[not(normalize-space(@target))] | fw
                       | choice/sic[../corr] | choice/abbr[../expan] | choice/orig[../reg]
                       | graphic | media | teiHeader | interp | interpGrp | link
                       | linkGrp | milestone | witDetail"
                mode="inl"/>

  <!-- a pointer elsewhere (a URL, a file) says nothing but where: its target is its text -->
  <xsl:template match="ptr[not(starts-with(normalize-space(@target), '#'))]" mode="inl">
    <xsl:sequence select="tp:str(normalize-space(@target))"/>
  </xsl:template>

  <!-- a deletion: struck through in the line, as the HTML reading view shows it (the words
       are the source's: they stay) -->
  <xsl:template match="del" mode="inl">
    <xsl:sequence select="tp:wrap('st', .)"/>
  </xsl:template>

  <!-- choice: the editor's form (corr, reg, expan; else the first) in the line; where the
       others (the source's sic, orig, abbr; alternative readings, unclear or seg) differ, a
       footnote keeps them in the apparatus's form: "Premiere] Premire" -->
  <xsl:template match="choice" mode="inl">
    <xsl:variable name="ed" select="(corr, reg, expan, *)[1]"/>
    <xsl:variable name="shown" select="normalize-space(te:plain($ed))"/>
    <xsl:variable name="others" select="distinct-values((* except $ed) ! normalize-space(te:plain(.))
                                                        [. and . ne $shown])"/>
    <xsl:apply-templates select="$ed" mode="inl"/>
    <xsl:if test="exists($others)">
      <xsl:sequence select="tp:call('fn', tp:str($shown || '] ' || string-join($others, '; ')))"/>
    </xsl:if>
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
        else 'itx'"/>
    <xsl:sequence select="tp:wrap($fn, .)"/>
  </xsl:template>

  <xsl:function name="tp:wrap" as="xs:string?">
    <xsl:param name="fn" as="xs:string"/>
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="inner" as="xs:string*" select="tp:children($e)"/>
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
    <xsl:variable name="m" select="if (exists($rm)) then ($rm, $rm) else te:quote-marks($lang)"/>
    <xsl:variable name="own" select="te:has-own-marks(.)"/>
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


  <xsl:template match="gap" mode="inl">
    <xsl:sequence select="tp:call('gapmark', tp:str(tp:gap-label(.)))"/>
  </xsl:template>

  <xsl:template match="supplied" mode="inl">
    <xsl:variable name="brackets" select="te:supplied-brackets(.)"/>
    <xsl:sequence select="tp:str('[')[$brackets]"/>
    <xsl:apply-templates select="node()" mode="inl"/>
    <xsl:sequence select="tp:str(']')[$brackets]"/>
  </xsl:template>

  <xsl:template match="space" mode="inl">
    <xsl:sequence select="tp:str(' ')"/>
  </xsl:template>

  <!-- a list inside a line (in an item, a note): on a line of its own -->
  <xsl:template match="list | listBibl | castList" mode="inl">
    <xsl:if test="preceding-sibling::node()[not(tp:insignificant(.))]">
      <xsl:sequence select="'linebreak()'"/>
    </xsl:if>
    <xsl:apply-templates select="node()" mode="inl"/>
  </xsl:template>

  <!-- blocks met inside a line (verse in a paragraph, paragraphs in a note) -->
  <xsl:template match="l | lg | p | ab | item | head | label" mode="inl">
    <xsl:apply-templates select="node()" mode="inl"/>
    <xsl:if test="following-sibling::*[tp:is-block(.) or self::l or self::item]">
      <xsl:sequence select="'linebreak()'"/>
    </xsl:if>
  </xsl:template>

  <!-- any other element: its text (children of element-only content apart) -->
  <xsl:template match="*" mode="inl">
    <xsl:sequence select="tp:children(.)"/>
  </xsl:template>

  <!-- the inline content of $e; the children of element-only content (te:apart, common.xsl)
       apart, with tp:separator between them -->
  <xsl:function name="tp:children" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:choose>
      <xsl:when test="te:apart($e)">
        <xsl:for-each select="$e/*">
          <xsl:if test="position() gt 1">
            <xsl:sequence select="tp:str(tp:separator(.))"/>
          </xsl:if>
          <xsl:apply-templates select="." mode="inl"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$e/node()" mode="inl"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- the opening and closing words of a text in a manuscript: italic -->
  <xsl:template match="incipit | explicit | colophon[ancestor::msDesc] | rubric | finalRubric"
                mode="inl">
    <xsl:sequence select="tp:wrap('it', .)"/>
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
  <!-- inside a token, white space only is the file's layout: the word stays one -->
  <xsl:template priority="2" mode="inl" match="text()[$te:tokenised][not(normalize-space())][ancestor::w]"/>

  <!-- is $n a token or white space that goes on a run of tokens (read with its first)? -->
  <xsl:function name="tp:in-run" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:variable name="before" select="$n/preceding-sibling::node()[1]"/>
    <xsl:sequence select="exists($before[self::w[not(*)] or self::pc[not(*)]])
        or exists($before[self::text()[not(normalize-space())]]
                  /preceding-sibling::node()[1][self::w[not(*)] or self::pc[not(*)]])"/>
  </xsl:function>

</xsl:stylesheet>
