<?xml version="1.0" encoding="UTF-8"?>
<!--
  Drawings and formulae TEI embeds from other vocabularies: an SVG drawing (figure/svg:svg)
  and MathML (formula/m:math) go into the page as what they are, for the browser to draw
  (HTML5 takes both inline), in place of their text as a row of spans.

  What a drawing or formula could do beyond being drawn is left out, as in print: scripts,
  style sheets (inside a page they would style the whole page), foreign objects, event
  attributes, links to anything but a part of the same drawing. Ids get a prefix of the
  drawing, so that two drawings, or a drawing and the text, never share one.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:svg="http://www.w3.org/2000/svg"
    xmlns:m="http://www.w3.org/1998/Math/MathML"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <xsl:template match="svg:svg[not(ancestor::svg:*)] | m:math">
    <xsl:apply-templates select="." mode="te:foreign">
      <xsl:with-param name="prefix" tunnel="yes" select="'g' || generate-id() || '-'"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="svg:* | m:*" mode="te:foreign">
    <xsl:element name="{local-name()}" namespace="{namespace-uri()}">
      <xsl:apply-templates select="@*, node()" mode="te:foreign"/>
    </xsl:element>
  </xsl:template>

  <!-- mfenced (MathML 2; browsers implement MathML Core, which has none): the row of
       operators it stands for -->
  <xsl:template match="m:mfenced" mode="te:foreign">
    <xsl:variable name="sep" select="substring(normalize-space((@separators, ',')[1]), 1, 1)"/>
    <mrow xmlns="http://www.w3.org/1998/Math/MathML">
      <mo fence="true"><xsl:value-of select="(@open, '(')[1]"/></mo>
      <xsl:for-each select="*">
        <xsl:if test="position() gt 1 and $sep"><mo separator="true"><xsl:value-of select="$sep"/></mo></xsl:if>
        <xsl:apply-templates select="." mode="te:foreign"/>
      </xsl:for-each>
      <mo fence="true"><xsl:value-of select="(@close, ')')[1]"/></mo>
    </mrow>
  </xsl:template>

  <xsl:template match="text()" mode="te:foreign"><xsl:copy/></xsl:template>

  <!-- kept: the drawing's own attributes (no namespace) -->
  <xsl:template match="@*[namespace-uri() = '']" mode="te:foreign">
    <xsl:copy/>
  </xsl:template>

  <!-- ids, and the references to them inside the drawing, with the drawing's prefix -->
  <xsl:template match="@id" mode="te:foreign" priority="1.5">
    <xsl:param name="prefix" tunnel="yes" as="xs:string"/>
    <xsl:attribute name="id" select="$prefix || ."/>
  </xsl:template>
  <xsl:template match="@*[local-name() = 'href']" mode="te:foreign" priority="2">
    <xsl:param name="prefix" tunnel="yes" as="xs:string"/>
    <xsl:variable name="t" select="normalize-space()"/>
    <xsl:if test="starts-with($t, '#') and matches($t, '^#[\w.\-:]+$')">
      <xsl:attribute name="href" select="'#' || $prefix || substring($t, 2)"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="@*[contains(., 'url(')]" mode="te:foreign" priority="1">
    <xsl:param name="prefix" tunnel="yes" as="xs:string"/>
    <!-- a paint or marker of this drawing (url(#grad)); any other url() goes -->
    <xsl:if test="not(matches(., 'url\(\s*[^#\s)]'))">
      <xsl:attribute name="{local-name()}"
          select="replace(., 'url\(\s*#([\w.\-:]+)\s*\)', 'url(#' || $prefix || '$1)')"/>
    </xsl:if>
  </xsl:template>

  <!-- left out: what runs, styles the page or reaches outside -->
  <xsl:template mode="te:foreign" priority="3" match="@*[starts-with(lower-case(local-name()), 'on')]
      | @*[namespace-uri() != ''][local-name() != 'href'] | @style[matches(., 'expression|javascript|@import', 'i')]"/>
  <xsl:template mode="te:foreign" match="svg:script | svg:style | svg:foreignObject | svg:metadata
      | m:annotation | m:annotation-xml | comment() | processing-instruction()"/>
  <!-- an animation that sets a link (<set attributeName="href" to="javascript:…"/> inside an
       <a>) would bring back what the href rule above leaves out -->
  <xsl:template mode="te:foreign" priority="3"
      match="svg:*[@attributeName][matches(normalize-space(@attributeName), '(^|:)href$', 'i')]"/>

</xsl:stylesheet>
