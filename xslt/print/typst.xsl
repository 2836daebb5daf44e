<?xml version="1.0" encoding="UTF-8"?>
<!--
  Writing Typst: every piece of TEI text becomes a string literal (tp:str), calls are
  built by tp:call. The safety rule of the print stylesheets lives here (see edition.xsl).
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

</xsl:stylesheet>
