<?xml version="1.0" encoding="UTF-8"?>
<!--
  Reading the structure: which nodes count, which elements stand as blocks, where the
  source's page breaks show (pb pulled to the next block), quotations of blocks.
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
    <!-- a page without a number is a dot; a run of them (EEBO-TCP writes a pb per page
         image) one dot, not "·, ·, ·" -->
    <xsl:variable name="ns" select="for $p in $pbs return normalize-space(
        if ($p/@n) then $p/@n else '·')"/>
    <xsl:sequence select="for $i in 1 to count($ns) return
        if ($ns[$i] = '·' and $i gt 1 and $ns[$i - 1] = '·') then () else tp:str($ns[$i])"/>
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
        | self::msDesc | self::biblStruct | self::biblFull | self::listPerson | self::listPlace
        | self::listOrg | self::listEvent | self::castGroup | self::spGrp
        | self::back | self::group | self::text | self::entry | self::entryFree
        | self::superEntry | self::sense | self::re))
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

  <!-- what stands between $e and the sibling before it in element-only content -->
  <xsl:function name="tp:separator" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="parent" select="$e/.."/>
    <xsl:sequence select="
        if ($e/preceding-sibling::*[1]/self::head) then ': '
        else if ($parent/self::biblStruct or $parent/self::biblFull) then '. '
        else if ($parent/(self::analytic | self::monogr | self::series | self::imprint
                 | self::msIdentifier | self::altIdentifier | self::msItem | self::castItem
                 | self::castGroup | self::origin | self::respStmt)
                 or $parent[surname][self::author or self::editor][surname is *[1]])
        then ', ' else ' '"/>
  </xsl:function>

  <!-- a container of containers (msDesc, msContents, physDesc …): each child a block -->
  <xsl:function name="tp:is-container" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="empty($e/text()[normalize-space()])
        and exists($e/*[tp:is-block(.) or (empty(text()[normalize-space()]) and *)])"/>
  </xsl:function>
</xsl:stylesheet>
