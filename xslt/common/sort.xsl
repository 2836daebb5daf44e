<?xml version="1.0" encoding="UTF-8"?>
<!--
  How registers and indexes list a name, and the one rule they sort by (HTML register pages
  and the PDF index alike), in the alphabet of the edition's language. Included by
  common.xsl; nothing here produces output markup.

  Names. A person whose normalised name has a surname before other parts lists as
  "Barbusse, Henri" ("Gaulle, Charles de"); a surname written first (surname before
  forename: "Chiang Kai-shek") does not invert. A name without that structure (older
  registers, TEI written by others) is shown as it stands and sorted by te:person-key, the
  same rule the encoder uses when it gives a new entry its structure
  (entities/register.py, _name_parts). @sortKey on the name or the entry wins over all of it.

  Alphabets. Saxon HE sorts by the root Unicode collation whatever ?lang= says (it ignores
  the language), where å ä ö are a and o with marks and ñ is an n. te:collation-key rewrites
  the letters a language's alphabet files elsewhere, from the table te:alphabets (the
  primary-level tailorings of CLDR's collation data, common/collation/*.xml), so that the
  root collation puts them where the language does: Swedish å ä ö after z, Danish æ ø å,
  Spanish ñ after n, Czech ch after h, Polish ł after l. Languages whose alphabet is the
  root order (German ö with o, French, English, Italian, Dutch …) need no entry.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:te="urn:teiedition"
    exclude-result-prefixes="#all">

  <!--
    Each language's alphabet where it differs from the root order, lower case, transcribed
    from CLDR's collation tailorings (as ICU 72 ships them; primary differences only, and
    the secondary ones that fold a letter into another: 'X=y'):
    'B<x<y' files the letters x, y (in that order) after B and every word that begins with
    B, before the next letter (CLDR's "[before 1]C" is written as after the letter before C);
    '*' is the end of the Latin alphabet, after z and þ ("[before 1]ǀ"); 'X=y' files y as X
    (applied first). Letters may be digraphs (Czech ch, Hungarian dzs).
  -->
  <xsl:variable name="te:alphabets" as="map(xs:string, xs:string*)" select="
    let $nordic-west := ('th=þ', 'y=ü', 'y=ű', 'æ=ä', 'æ=ę', 'ø=ö', 'ø=ő', 'ø=œ', 'å=aa',
                         '*&lt;æ&lt;ø&lt;å'),
        $turkic := ('c&lt;ç', 'g&lt;ğ', 'h&lt;ı', 'o&lt;ö', 's&lt;ş', 'u&lt;ü')
    return map {
      'sv': ('th=þ', 'y=ü', 'y=ű', 'ä=æ', 'ä=ę', 'ö=ø', 'ö=ő', 'ö=œ', 'ö=ô', '*&lt;å&lt;ä&lt;ö'),
      'fi': ('y=ü', 'ä=æ', 'ö=ø', '*&lt;å&lt;ä&lt;ö'),
      'da': ('th=þ', 'y=ü', 'y=ű', 'æ=ä', 'ø=ö', 'ø=ő', 'oe=œ', 'å=aa', '*&lt;æ&lt;ø&lt;å'),
      'nb': $nordic-west, 'nn': $nordic-west, 'no': $nordic-west, 'fo': $nordic-west,
      'is': ('æ=ä', 'ö=ø', 'a&lt;á', 'd&lt;ð', 'e&lt;é', 'i&lt;í', 'o&lt;ó', 'u&lt;ú', 'y&lt;ý',
             '*&lt;æ&lt;ö&lt;å'),
      'et': ('z=ź', 'z=ż', 's&lt;š&lt;z&lt;ž', 'w&lt;õ&lt;ä&lt;ö&lt;ü'),
      'es': ('n&lt;ñ'),
      'pl': ('a&lt;ą', 'c&lt;ć', 'e&lt;ę', 'l&lt;ł', 'n&lt;ń', 'o&lt;ó', 's&lt;ś', 'z&lt;ź&lt;ż'),
      'cs': ('c&lt;č', 'h&lt;ch', 'r&lt;ř', 's&lt;š', 'z&lt;ž'),
      'sk': ('a&lt;ä', 'c&lt;č', 'h&lt;ch', 'o&lt;ô', 'r&lt;ř', 's&lt;š', 'z&lt;ž'),
      'hr': ('c&lt;č&lt;ć', 'd&lt;dž&lt;đ', 'l&lt;lj', 'n&lt;nj', 's&lt;š', 'z&lt;ž'),
      'sl': ('c&lt;č&lt;ć', 'd&lt;đ', 's&lt;š', 'z&lt;ž'),
      'lt': ('y=ý', 'i=y', 'c&lt;č', 's&lt;š', 'z&lt;ž'),
      'lv': ('y=ý', 'i=y', 'c&lt;č', 'g&lt;ģ', 'k&lt;ķ', 'l&lt;ļ', 'n&lt;ņ', 'r&lt;ŗ', 's&lt;š', 'z&lt;ž'),
      'ro': ('ș=ş', 'ț=ţ', 'a&lt;ă&lt;â', 'i&lt;î', 's&lt;ș', 't&lt;ț'),
      'hu': ('ö=ő', 'ü=ű', 'c&lt;cs', 'd&lt;dz&lt;dzs', 'g&lt;gy', 'l&lt;ly', 'n&lt;ny', 'o&lt;ö',
             's&lt;sz', 't&lt;ty', 'u&lt;ü', 'z&lt;zs'),
      'tr': $turkic, 'az': $turkic
    }"/>

  <!-- Where Saxon HE's root order differs from the Unicode root collation (CLDR root): it
       files ø đ ð ł ı after z, þ between t and u; applied after the language's own letters. -->
  <xsl:variable name="te:root-alphabet" as="xs:string*"
      select="('ö=ø', 'ď=đ', 'ď=ð', 'ľ=ł', 'ľ=ŀ', 'i&lt;ı', '*=þ')"/>

  <!-- Letters after the base letter in a key: Greek, which the root collation files after
       every Latin letter, so "nα" (ñ) comes after every word in n and before o; the end of
       the Latin alphabet is "zω". -->
  <xsl:variable name="te:after-marks" as="xs:string" select="'αβγδεζηθ'"/>

  <!-- A table's rewriting: (letter, replacement) pairs, folds first, then digraphs before
       single letters. -->
  <xsl:function name="te:alphabet" as="array(xs:string)*" cache="yes">
    <xsl:param name="table" as="xs:string*"/>
    <xsl:variable name="rules" select="$table ! replace(., '\*', 'zω')"/>
    <xsl:variable name="equal" as="array(xs:string)*" select="
        $rules[contains(., '=')] ! [substring-after(., '='), substring-before(., '=')]"/>
    <xsl:variable name="after" as="array(xs:string)*">
      <xsl:perform-sort select="
          for $r in $rules[contains(., '&lt;')]
          return let $p := tokenize($r, '&lt;')
                 return for $i in 2 to count($p)
                        return [$p[$i], $p[1] || substring($te:after-marks, $i - 1, 1)]">
        <xsl:sort select="string-length(?1)" order="descending"/>
      </xsl:perform-sort>
    </xsl:variable>
    <xsl:sequence select="$equal, $after"/>
  </xsl:function>

  <!-- A key for te:collation: lower case, the language's letters where its alphabet has
       them. -->
  <xsl:function name="te:collation-key" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:variable name="primary" select="lower-case(tokenize(te:lang-code(($lang, '')[1]), '[-_]')[1])"/>
    <xsl:sequence select="fold-left(
        (te:alphabet($te:alphabets($primary)), te:alphabet($te:root-alphabet)), lower-case($key),
        function($k, $pair) { replace($k, $pair(1), $pair(2), 'q') })"/>
  </xsl:function>

  <xsl:function name="te:collation" as="xs:string">
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:sequence select="'http://www.w3.org/2013/collation/UCA?lang='
        || (if ($lang) then te:lang-code($lang) else 'en') || ';strength=secondary'"/>
  </xsl:function>

  <xsl:function name="te:index-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="(if (local-name($entry) = 'person')
        then te:inverted(te:reg-name-element($entry)) else (), te:reg-name($entry))[1]"/>
  </xsl:function>

  <!-- A person's name with its parts as "Barbusse, Henri" (surname, then the rest), or ()
       for a name without a surname and other parts, or whose surname is written first. -->
  <xsl:function name="te:inverted" as="xs:string?">
    <xsl:param name="n" as="element()?"/>
    <xsl:variable name="surname" select="normalize-space(string-join($n/tei:surname, ' '))"/>
    <xsl:variable name="rest" select="normalize-space(string-join(
        $n/(tei:forename | tei:addName | tei:genName | tei:roleName | tei:nameLink), ' '))"/>
    <xsl:sequence select="($surname || ', ' || $rest)[$surname ne '' and $rest ne ''
        and not($n/tei:surname[1] &lt;&lt; ($n/tei:forename)[1])]"/>
  </xsl:function>

  <xsl:function name="te:sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:sequence select="te:name-key(te:reg-name-element($entry), $entry/@sortKey,
        local-name($entry) = 'person', te:index-name($entry), $lang)"/>
  </xsl:function>

  <!-- The key of a mention that no register entry names (the PDF index lists those too):
       its own words by the same rule, a person's by its parts or te:person-key. -->
  <xsl:function name="te:mention-sort-key" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:sequence select="te:name-key($name, (), $kind = 'person',
        (te:inverted($name)[$kind = 'person'], normalize-space($name))[1], $lang)"/>
  </xsl:function>

  <!-- The one rule: an editor's @sortKey (on the name, else the entry); a person's name
       inverted or with parts as shown (regnal numbers as numbers); a person's name without
       parts by te:person-key; any other name as shown. -->
  <xsl:function name="te:name-key" as="xs:string">
    <xsl:param name="n" as="element()?"/>
    <xsl:param name="entry-key" as="attribute()?"/>
    <xsl:param name="person" as="xs:boolean"/>
    <xsl:param name="shown" as="xs:string"/>
    <xsl:param name="lang" as="xs:string?"/>
    <xsl:sequence select="te:collation-key(
        if (normalize-space($n/@sortKey) ne '') then normalize-space($n/@sortKey)
        else if (normalize-space($entry-key) ne '') then normalize-space($entry-key)
        else if (not($person)) then $shown
        else if (contains($shown, ',')
                 or exists($n/(tei:surname | tei:forename | tei:genName | tei:addName)))
        then te:numbers($shown)
        else te:person-key($shown), $lang)"/>
  </xsl:function>

  <!--
    Where a person's name without structure is filed (the encoder's _name_parts gives a new
    entry the same structure):
    - a ruler, whose name does not invert: a regnal number after the first word ("Karl XII",
      "Gustav II Adolf", "Karl V.") or an epithet with its article as the second word
      ("Peter den store", "Friedrich der Große", "Alfred the Great"): as written;
    - a family name written first ("Chiang Kai-shek", "Kim Il-sung": the last word a
      hyphenated pair in lower case after the hyphen): as written;
    - else by the last word, after the particles before it ("Charles de Gaulle", "Ludwig
      van Beethoven": Gaulle, Beethoven), two family names joined by y/i/e taken together
      ("José Ortega y Gasset": Ortega y Gasset) and a generational suffix kept last ("Martin
      Luther King Jr.", "Pieter Bruegel den äldre": King, Bruegel).
  -->
  <xsl:function name="te:person-key" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="w" select="tokenize(normalize-space($name), ' ')"/>
    <xsl:variable name="suffix" select="te:suffix-words($w)"/>
    <xsl:variable name="body" select="subsequence($w, 1, count($w) - $suffix)"/>
    <xsl:variable name="last" select="count($body)"/>
    <xsl:variable name="start" select="
        if ($last ge 4 and $body[$last - 1] = $te:name-conjunctions) then $last - 2 else $last"/>
    <xsl:variable name="given" select="subsequence($body, 1, $start - 1)"/>
    <xsl:variable name="particles" select="te:trailing-lower($given)"/>
    <xsl:sequence select="
        if (count($w) lt 2 or te:is-ruler($w)
            or matches($w[last()], '^\p{L}+-\p{Ll}[\p{L}]*$')) then te:numbers($name)
        else if ($last lt 2) then $name
        else string-join((subsequence($body, $start),
                          subsequence($given, 1, count($given) - $particles),
                          subsequence($given, count($given) - $particles + 1),
                          subsequence($w, count($w) - $suffix + 1)), ' ')"/>
  </xsl:function>

  <!-- Lower-case words at the end of the given names: the particles of the surname. -->
  <xsl:function name="te:trailing-lower" as="xs:integer">
    <xsl:param name="words" as="xs:string*"/>
    <xsl:sequence select="
        if (count($words) gt 1 and matches($words[last()], '^\p{Ll}'))
        then 1 + te:trailing-lower(subsequence($words, 1, count($words) - 1)) else 0"/>
  </xsl:function>

  <!-- Articles of epithets ("den store", "der Große", "le Grand", "the Great"). -->
  <xsl:variable name="te:epithet-articles" as="xs:string*"
      select="('den', 'det', 'der', 'die', 'the', 'le', 'la', 'el', 'il', 'lo', 'o', 'a')"/>
  <!-- Words that join two family names (Spanish, Catalan, Portuguese). -->
  <xsl:variable name="te:name-conjunctions" as="xs:string*" select="('y', 'i', 'e')"/>
  <!-- Generational suffixes that follow a name and do not name the family. -->
  <xsl:variable name="te:suffixes" as="xs:string*" select="('jr', 'jr.', 'jun.', 'sr', 'sr.',
      'sen.', 'd.ä.', 'd.y.', 'd.æ.', 'junior', 'senior', 'père', 'fils', 'filho', 'neto')"/>

  <xsl:function name="te:roman" as="xs:boolean">
    <xsl:param name="word" as="xs:string?"/>
    <xsl:sequence select="matches(($word, '')[1], '^[IVXLCDM]+\.?$')"/>
  </xsl:function>

  <xsl:function name="te:is-ruler" as="xs:boolean">
    <xsl:param name="w" as="xs:string*"/>
    <xsl:sequence select="count($w) ge 2 and (
        some $i in 2 to count($w) satisfies te:roman($w[$i])
            and (not(ends-with($w[$i], '.')) or string-length($w[$i]) gt 2 or $i eq count($w))
        or count($w) ge 3 and $w[2] = $te:epithet-articles and not(matches($w[3], '^\p{Lu}\p{L}*$')
            and count($w) gt 3))"/>
  </xsl:function>

  <!-- How many of the last words are a generational suffix ("Jr.", "den äldre", "der
       Jüngere", "the Elder"): an article as the third word or later, not after a particle
       ("von der Vogelweide"), and the word after it; or one suffix word. -->
  <xsl:function name="te:suffix-words" as="xs:integer">
    <xsl:param name="w" as="xs:string*"/>
    <xsl:variable name="n" select="count($w)"/>
    <xsl:sequence select="
        if ($n ge 4 and $w[$n - 1] = $te:epithet-articles and not(matches($w[$n - 2], '^\p{Ll}')))
        then 2
        else if ($n ge 3 and lower-case($w[$n]) = $te:suffixes) then 1
        else 0"/>
  </xsl:function>

  <!-- Regnal numbers as numbers ("Karl XII" -> "Karl 0012"), so rulers of a name follow
       each other in order. -->
  <xsl:function name="te:numbers" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="w" select="tokenize(normalize-space($name), ' ')"/>
    <xsl:sequence select="string-join(
        for $i in 1 to count($w)
        return if ($i gt 1 and te:roman($w[$i]))
               then format-number(te:roman-value($w[$i]), '0000') else $w[$i], ' ')"/>
  </xsl:function>

  <xsl:function name="te:roman-value" as="xs:integer">
    <xsl:param name="roman" as="xs:string"/>
    <xsl:variable name="v" select="string-to-codepoints(replace($roman, '\.', ''))
        ! map { 73: 1, 86: 5, 88: 10, 76: 50, 67: 100, 68: 500, 77: 1000 }(.)"/>
    <xsl:sequence select="sum(for $i in 1 to count($v)
        return if ($i lt count($v) and $v[$i] lt $v[$i + 1]) then -$v[$i] else $v[$i])"/>
  </xsl:function>

</xsl:stylesheet>
