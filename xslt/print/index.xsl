<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index of names: each name with a local @ref marks its spot (nm), and the index lists
  the persons, organisations and places under their register names.
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
    <xsl:sequence select="if (exists($register)) then te:entry-by-id($id, $register) else ()"/>
  </xsl:function>



  <!-- names: mark the spot for the index (the first local @ref) -->
  <xsl:template match="persName | orgName | placeName | rs | name" mode="inl">
    <xsl:variable name="id" select="te:ref-ids(@ref)[1]"/>
    <xsl:variable name="inner" as="xs:string*" select="tp:children(.)"/>
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
            'name': if ($entry and te:index-name($entry) ne '') then te:index-name($entry)
                    else (te:inverted($first)[tp:mention-kind($first) = 'person'],
                          normalize-space($first))[1],
            'key': if ($entry) then te:sort-key($entry, $lang)
                   else te:mention-sort-key($first, tp:mention-kind($first), $lang),
            'display': if ($entry and te:reg-name($entry) ne '') then te:reg-name($entry)
                       else normalize-space($first) }"/>
    <xsl:variable name="collation" select="te:collation($lang)"/>
    <xsl:variable name="groups" as="xs:string*">
      <xsl:for-each select="('person', 'org', 'place')">
        <xsl:variable name="kind" select="."/>
        <xsl:variable name="these" as="map(*)*">
          <xsl:perform-sort select="$entries[?kind = $kind]">
            <!-- one rule for registers and indexes: te:sort-key (common.xsl) -->
            <xsl:sort select="?key" collation="{$collation}"/>
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

</xsl:stylesheet>
