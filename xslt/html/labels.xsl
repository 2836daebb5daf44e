<?xml version="1.0" encoding="UTF-8"?>
<!-- The words of the interface, in the edition's language where we have them (sv), else English. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <xsl:variable name="te:labels" as="map(xs:string, map(xs:string, xs:string))" select="map{
    'en': map{
      'skip': 'Skip to the text', 'edition': 'Edition', 'texts': 'Texts', 'persons': 'Persons',
      'orgs': 'Organisations', 'places': 'Places', 'journals': 'Newspapers and journals', 'search': 'Search', 'search-words': 'Search words and names',
      'contents': 'Contents', 'view': 'View', 'reading': 'Reading text', 'diplomatic': 'Line breaks of the source',
      'page': 'p.', 'page-long': 'Page', 'paragraph': 'Paragraph', 'line': 'Line', 'notes': 'Notes', 'back-to-text': 'back to the text',
      'mentioned-in': 'Mentioned in', 'variants': 'Also written', 'authority': 'Authority record',
      'author': 'Author', 'date': 'Date', 'source': 'Source', 'translator': 'Translator', 'licence': 'Licence',
      'encoding': 'How it was encoded', 'extent': 'Extent', 'paragraphs': 'paragraphs', 'pages': 'pages',
      'names': 'names', 'not-mentioned': 'Not mentioned in the texts of this edition.',
      'entries': 'entries', 'register': 'Register', 'omitted': 'omitted', 'uncertain': 'uncertain identification',
      'certainty': 'certainty', 'noscript': 'The search needs JavaScript; every page can also be searched with the browser (Ctrl+F).',
      'results': 'Results', 'built': 'Built by teiedition from TEI P5.', 'open-text': 'Read the text',
      'header': 'About this text', 'no-title': '(untitled)', 'nav': 'Edition', 'footnote': 'Note',
      'revision': 'Revisions', 'published': 'Published', 'titlepage': 'title page', 'editorial': 'Editorial decisions', 'encoder': 'Encoded by',
      'apparatus': 'Variant readings', 'publisher': 'Publisher', 'address': 'Web address'},
    'sv': map{
      'skip': 'Hoppa till texten', 'edition': 'Utgåva', 'texts': 'Texter', 'persons': 'Personer',
      'orgs': 'Organisationer', 'places': 'Platser', 'journals': 'Tidningar och tidskrifter', 'search': 'Sök', 'search-words': 'Sök ord och namn',
      'contents': 'Innehåll', 'view': 'Visning', 'reading': 'Lästext', 'diplomatic': 'Källans radbrytningar',
      'page': 's.', 'page-long': 'Sida', 'paragraph': 'Stycke', 'line': 'Rad', 'notes': 'Noter', 'back-to-text': 'tillbaka till texten',
      'mentioned-in': 'Nämns i', 'variants': 'Skrivs också', 'authority': 'Auktoritetspost',
      'author': 'Författare', 'date': 'Datum', 'source': 'Källa', 'translator': 'Översättare', 'licence': 'Licens',
      'encoding': 'Hur texten kodats', 'extent': 'Omfång', 'paragraphs': 'stycken', 'pages': 'sidor',
      'names': 'namn', 'not-mentioned': 'Nämns inte i utgåvans texter.',
      'entries': 'poster', 'register': 'Register', 'omitted': 'utelämnat', 'uncertain': 'osäker identifiering',
      'certainty': 'säkerhet', 'noscript': 'Sökningen kräver JavaScript; varje sida kan också sökas i webbläsaren (Ctrl+F).',
      'results': 'Träffar', 'built': 'Byggd av teiedition från TEI P5.', 'open-text': 'Läs texten',
      'header': 'Om texten', 'no-title': '(utan titel)', 'nav': 'Utgåva', 'footnote': 'Not',
      'revision': 'Ändringar', 'published': 'Publicerad', 'titlepage': 'titelsida', 'editorial': 'Redaktionella beslut', 'encoder': 'Kodad av',
      'apparatus': 'Varianter', 'publisher': 'Utgivare', 'address': 'Webbadress'}
  }"/>

  <xsl:function name="te:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:variable name="l" select="substring(string($lang), 1, 2)"/>
    <xsl:sequence select="(if (map:contains($te:labels, $l)) then $te:labels($l)($key) else (), $te:labels('en')($key), $key)[1]"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- The language the interface is written in for a page in $lang. -->
  <xsl:function name="te:ui-lang" as="xs:string">
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:sequence select="if (substring(string($lang), 1, 2) = 'sv') then 'sv' else 'en'"/>
  </xsl:function>

</xsl:stylesheet>
