<?xml version="1.0" encoding="UTF-8"?>
<!--
  MathML (formula/m:math, as TEI embeds it) as Typst math: the structure a reader needs
  (fractions, scripts, roots, limits, fences, matrices) set by Typst's math layout, in place of
  the tokens' text in a row ("π r 2" for πr²).

  Only the presentation elements are read; for anything else the tokens' text stays (mode
  tp:math's catch-all), so no character of the formula is lost. Text reaches the output
  through tp:str only (the safety rule of edition.xsl); operators get a math class from a
  fixed table here, never from the TEI.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:m="http://www.w3.org/1998/Math/MathML"
    xmlns:tp="urn:teiedition:typst"
    exclude-result-prefixes="#all">

  <xsl:template match="m:math" mode="inl">
    <xsl:sequence select="tp:call('mth',
        ('block: true'[current()/@display = 'block'], tp:math-args(node())))"/>
  </xsl:template>

  <!-- the pieces of a run of MathML nodes (mrow, the children of math) -->
  <xsl:function name="tp:math-args" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:apply-templates select="$nodes" mode="tp:math"/>
  </xsl:function>

  <!-- one argument: a run as one piece (a row of pieces when there are several) -->
  <xsl:function name="tp:math-arg" as="xs:string">
    <xsl:param name="e" as="node()?"/>
    <xsl:variable name="args" select="tp:math-args($e)"/>
    <xsl:sequence select="if (count($args) eq 1) then $args else tp:call('mrow', $args)"/>
  </xsl:function>

  <xsl:template match="text()" mode="tp:math">
    <xsl:if test="normalize-space()"><xsl:sequence select="tp:str(normalize-space())"/></xsl:if>
  </xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="tp:math"/>

  <!-- tokens -->
  <xsl:template match="m:mi" mode="tp:math">
    <xsl:variable name="s" select="normalize-space()"/>
    <xsl:if test="$s">
      <!-- one letter is a variable (italic), a longer name (sin, log) is upright, as in
           MathML's default mathvariant -->
      <xsl:sequence select="tp:call(if (string-length($s) eq 1 and not(@mathvariant = 'normal'))
          then 'mvar' else 'mtext', tp:str($s))"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="m:mn | m:mtext | m:ms" mode="tp:math">
    <xsl:if test="normalize-space()">
      <xsl:sequence select="tp:call('mtext', tp:str(normalize-space()))"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="m:mo" mode="tp:math">
    <xsl:variable name="s" select="normalize-space()"/>
    <xsl:if test="$s">
      <xsl:sequence select="tp:call('mop', ('&quot;' || tp:math-class($s) || '&quot;', tp:str($s)))"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="m:mspace" mode="tp:math">
    <xsl:sequence select="tp:call('mtext', tp:str(' '))"/>
  </xsl:template>

  <!-- how an operator is spaced (Typst's math classes) -->
  <xsl:function name="tp:math-class" as="xs:string">
    <xsl:param name="op" as="xs:string"/>
    <xsl:sequence select="
        if ($op = ('=', '&lt;', '&gt;', '≤', '≥', '≠', '≈', '≡', '∼', '≃', '∝', '→', '←', '↔',
                   '⇒', '⇐', '⇔', '∈', '∉', '⊂', '⊃', '⊆', '⊇', '|', '∣', ':=')) then 'relation'
        else if ($op = ('+', '-', '−', '±', '∓', '×', '·', '⋅', '÷', '∗', '∘', '∪', '∩', '∧',
                        '∨', '⊕', '⊗', '/')) then 'binary'
        else if ($op = ('(', '[', '{', '⟨', '⌈', '⌊')) then 'opening'
        else if ($op = (')', ']', '}', '⟩', '⌉', '⌋')) then 'closing'
        else if ($op = (',', ';')) then 'punctuation'
        else if ($op = ('∑', '∏', '∫', '∬', '∭', '∮', '⋃', '⋂', '∐')) then 'large'
        else 'normal'"/>
  </xsl:function>

  <!-- layout -->
  <xsl:template match="m:mrow | m:mstyle | m:mpadded | m:mphantom | m:merror | m:menclose
                       | m:semantics" mode="tp:math">
    <xsl:sequence select="tp:call('mrow', tp:math-args(node()))"/>
  </xsl:template>
  <!-- what a semantics element says about itself (TeX source, content MathML) is not drawn -->
  <xsl:template match="m:annotation | m:annotation-xml" mode="tp:math"/>
  <xsl:template match="m:mfrac" mode="tp:math">
    <xsl:sequence select="tp:call('mfrac', (tp:math-arg(*[1]), tp:math-arg(*[2])))"/>
  </xsl:template>
  <xsl:template match="m:msqrt" mode="tp:math">
    <xsl:sequence select="tp:call('msqrt', tp:math-args(node()))"/>
  </xsl:template>
  <xsl:template match="m:mroot" mode="tp:math">
    <xsl:sequence select="tp:call('mroot', (tp:math-arg(*[2]), tp:math-arg(*[1])))"/>
  </xsl:template>
  <xsl:template match="m:msup | m:mover" mode="tp:math">
    <xsl:sequence select="tp:call('mattach', (tp:math-arg(*[1]), 't: ' || tp:math-arg(*[2]),
        'limits: true'[current()/self::m:mover]))"/>
  </xsl:template>
  <xsl:template match="m:msub | m:munder" mode="tp:math">
    <xsl:sequence select="tp:call('mattach', (tp:math-arg(*[1]), 'b: ' || tp:math-arg(*[2]),
        'limits: true'[current()/self::m:munder]))"/>
  </xsl:template>
  <xsl:template match="m:msubsup | m:munderover" mode="tp:math">
    <xsl:sequence select="tp:call('mattach', (tp:math-arg(*[1]), 'b: ' || tp:math-arg(*[2]),
        't: ' || tp:math-arg(*[3]), 'limits: true'[current()/self::m:munderover]))"/>
  </xsl:template>
  <!-- fences grow with what they hold (Typst's lr) -->
  <xsl:template match="m:mfenced" mode="tp:math">
    <xsl:variable name="sep" select="(@separators, ',')[1]"/>
    <xsl:sequence select="tp:call('mfence', (tp:str((@open, '(')[1]), tp:str((@close, ')')[1]),
        for $i in 1 to count(*) return (
          tp:call('mop', ('&quot;punctuation&quot;', tp:str(substring($sep, 1, 1))))
              [$i gt 1 and normalize-space($sep)],
          tp:math-arg(*[$i]))))"/>
  </xsl:template>
  <xsl:template match="m:mtable" mode="tp:math">
    <xsl:sequence select="tp:call('mtable', for $r in m:mtr | m:mlabeledtr return
        '(' || string-join(for $c in $r/m:mtd return tp:math-arg($c) || ',', ' ') || ')')"/>
  </xsl:template>
  <xsl:template match="m:mtd" mode="tp:math">
    <xsl:sequence select="tp:call('mrow', tp:math-args(node()))"/>
  </xsl:template>

  <!-- any other element: its tokens' text, in order -->
  <xsl:template match="*" mode="tp:math">
    <xsl:sequence select="tp:math-args(node())"/>
  </xsl:template>

</xsl:stylesheet>
