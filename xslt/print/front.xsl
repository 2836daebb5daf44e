<?xml version="1.0" encoding="UTF-8"?>
<!--
  The frame around the text: title page, running-head strings, colophon, and the one-line
  bibliographic descriptions they use.
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
      <!-- the digital edition at the foot: its title and imprint (teiedition.toml) -->
      <xsl:for-each select="te:edition-title($root/TEI)">
        <xsl:sequence select="'edition: ' || tp:str(.)"/>
      </xsl:for-each>
      <xsl:for-each select="te:imprint($root/TEI)[exists($header/fileDesc/editionStmt)]">
        <xsl:sequence select="'imprint: ' || tp:str(.)"/>
      </xsl:for-each>
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
    <xsl:variable name="parts" as="xs:string*" select="tp:children($e)"/>
    <xsl:variable name="t" select="tp:tidy($parts)"/>
    <xsl:sequence select="if (empty($t)) then '[]' else '(' || string-join($t, ', ') || ',).join()'"/>
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
