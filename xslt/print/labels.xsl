<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's words and marks in its language: labels (contents, index, colophon …),
  language codes Typst accepts, quotation marks.
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


  <!-- A language code Typst accepts ('sv', 'en', 'grc'), else the fallback 'en': a code
       from the TEI is data and must not break (or reach) the typesetter as anything else. -->
  <xsl:function name="tp:lang-code" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="c" select="lower-case(tokenize(string($code), '[-_]')[1])"/>
    <xsl:variable name="c" select="if ($c) then te:lang-code($c) else ''"/>
    <xsl:sequence select="if (matches($c, '^[a-z]{2,3}$')) then $c else 'en'"/>
  </xsl:function>

</xsl:stylesheet>
