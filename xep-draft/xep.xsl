<?xml version='1.0' encoding='UTF-8'?>
<!--
  Renders a document in the XSF's XEP format (<xep> with <header> and <section1>..<section4>)
  to one standalone HTML page: title, metadata table, abstract, table of contents, numbered
  sections with anchors, examples and code in <pre> with the XML escaped, tables, lists,
  footnotes, revision history and legal notices. XSLT 1.0, no extensions, no network.

  Usage: xsltproc xep.xsl bizcard.xml > bizcard.html
-->
<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>

  <xsl:output method='html' encoding='UTF-8' indent='no' doctype-system='about:legacy-compat'/>

  <xsl:variable name='h' select='/xep/header'/>
  <xsl:variable name='number'>
    <xsl:choose>
      <xsl:when test="$h/number = 'xxxx' or $h/number = ''">XEP-xxxx</xsl:when>
      <xsl:otherwise>XEP-<xsl:value-of select='$h/number'/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- ======================================================================== page -->

  <xsl:template match='/xep'>
    <html lang='en'>
      <head>
        <meta name='viewport' content='width=device-width, initial-scale=1'/>
        <title><xsl:value-of select='$number'/>: <xsl:value-of select='$h/title'/></title>
        <style><xsl:call-template name='css'/></style>
      </head>
      <body>
        <header>
          <h1><xsl:value-of select='$number'/>: <xsl:value-of select='$h/title'/></h1>
          <p class='abstract'><strong>Abstract: </strong><xsl:value-of select='normalize-space($h/abstract)'/></p>
          <xsl:call-template name='metadata'/>
          <xsl:call-template name='status-notice'/>
        </header>
        <nav id='toc'>
          <h2>Table of Contents</h2>
          <ol class='toc'>
            <xsl:apply-templates select='section1' mode='toc'/>
          </ol>
          <ol class='toc appendices'>
            <li><a href='#appendix-authors'>Appendix A: Author Information</a></li>
            <li><a href='#appendix-legal'>Appendix B: Legal Notices</a></li>
            <li><a href='#appendix-revisions'>Appendix C: Revision History</a></li>
            <xsl:if test='//note'>
              <li><a href='#appendix-notes'>Appendix D: Notes</a></li>
            </xsl:if>
          </ol>
        </nav>
        <main>
          <xsl:apply-templates select='section1'/>
        </main>
        <section class='appendix' id='appendix-authors'>
          <h2>Appendix A: Author Information</h2>
          <xsl:apply-templates select='$h/author'/>
        </section>
        <section class='appendix' id='appendix-legal'>
          <h2>Appendix B: Legal Notices</h2>
          <xsl:apply-templates select='$h/legal'/>
        </section>
        <section class='appendix' id='appendix-revisions'>
          <h2>Appendix C: Revision History</h2>
          <xsl:apply-templates select='$h/revision'/>
        </section>
        <xsl:if test='//note'>
          <section class='appendix' id='appendix-notes'>
            <h2>Appendix D: Notes</h2>
            <ol class='notes'>
              <xsl:apply-templates select='//note' mode='footnote'/>
            </ol>
          </section>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- ==================================================================== metadata -->

  <xsl:template name='metadata'>
    <table class='metadata'>
      <tr><th>Number</th><td><xsl:value-of select='$number'/></td></tr>
      <tr><th>Status</th><td><xsl:value-of select='$h/status'/></td></tr>
      <tr><th>Type</th><td><xsl:value-of select='$h/type'/></td></tr>
      <tr><th>Version</th><td><xsl:value-of select='$h/revision[1]/version'/> (<xsl:value-of select='$h/revision[1]/date'/>)</td></tr>
      <tr><th>SIG</th><td><xsl:value-of select='$h/sig'/></td></tr>
      <xsl:if test='$h/approver'>
        <tr><th>Approver</th><td><xsl:value-of select='$h/approver'/></td></tr>
      </xsl:if>
      <tr>
        <th>Dependencies</th>
        <td>
          <xsl:for-each select='$h/dependencies/spec'>
            <xsl:value-of select='.'/>
            <xsl:if test='position() != last()'>, </xsl:if>
          </xsl:for-each>
          <xsl:if test='not($h/dependencies/spec)'>None</xsl:if>
        </td>
      </tr>
      <tr><th>Supersedes</th><td><xsl:call-template name='spec-or-none'><xsl:with-param name='n' select='$h/supersedes'/></xsl:call-template></td></tr>
      <tr><th>Superseded by</th><td><xsl:call-template name='spec-or-none'><xsl:with-param name='n' select='$h/supersededby'/></xsl:call-template></td></tr>
      <tr><th>Short name</th><td><xsl:value-of select='$h/shortname'/></td></tr>
      <tr>
        <th>Authors</th>
        <td>
          <xsl:for-each select='$h/author'>
            <xsl:value-of select='firstname'/><xsl:text> </xsl:text><xsl:value-of select='surname'/>
            <xsl:if test='position() != last()'>, </xsl:if>
          </xsl:for-each>
        </td>
      </tr>
    </table>
  </xsl:template>

  <xsl:template name='spec-or-none'>
    <xsl:param name='n'/>
    <xsl:choose>
      <xsl:when test='normalize-space($n/spec) != ""'><xsl:value-of select='$n/spec'/></xsl:when>
      <xsl:otherwise>None</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name='status-notice'>
    <xsl:choose>
      <xsl:when test="$h/status = 'ProtoXEP'">
        <p class='notice'><strong>Notice:</strong> This is a ProtoXEP, a proposal that has not yet been accepted as an official XMPP Extension Protocol by the XMPP Standards Foundation. Its namespace and protocol may still change.</p>
      </xsl:when>
      <xsl:when test="$h/status = 'Experimental'">
        <p class='notice'><strong>Notice:</strong> This is an Experimental XMPP Extension Protocol; the protocol may change before it advances.</p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match='author'>
    <div class='author'>
      <p><strong><xsl:value-of select='firstname'/><xsl:text> </xsl:text><xsl:value-of select='surname'/></strong>
        <xsl:if test='org'><br/><xsl:value-of select='org'/></xsl:if>
        <xsl:if test='email'><br/>Email: <a href='mailto:{email}'><xsl:value-of select='email'/></a></xsl:if>
        <xsl:if test='jid'><br/>JabberID: <a href='xmpp:{jid}'><xsl:value-of select='jid'/></a></xsl:if>
        <xsl:if test='uri'><br/>URI: <a href='{uri}'><xsl:value-of select='uri'/></a></xsl:if>
      </p>
    </div>
  </xsl:template>

  <xsl:template match='legal'>
    <xsl:for-each select='copyright|permissions|warranty|liability|conformance'>
      <xsl:if test='normalize-space(.) != ""'>
        <h3>
          <xsl:choose>
            <xsl:when test="local-name() = 'copyright'">Copyright</xsl:when>
            <xsl:when test="local-name() = 'permissions'">Permissions</xsl:when>
            <xsl:when test="local-name() = 'warranty'">Disclaimer of Warranty</xsl:when>
            <xsl:when test="local-name() = 'liability'">Limitation of Liability</xsl:when>
            <xsl:otherwise>IPR Conformance</xsl:otherwise>
          </xsl:choose>
        </h3>
        <p><xsl:apply-templates/></p>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match='revision'>
    <div class='revision'>
      <h3>Version <xsl:value-of select='version'/> (<xsl:value-of select='date'/>)</h3>
      <xsl:apply-templates select='remark/*'/>
      <p class='initials'><xsl:value-of select='initials'/></p>
    </div>
  </xsl:template>

  <!-- ===================================================================== contents -->

  <xsl:template match='section1|section2|section3' mode='toc'>
    <li>
      <a>
        <xsl:attribute name='href'>#<xsl:call-template name='anchor'/></xsl:attribute>
        <xsl:call-template name='number'/><xsl:text> </xsl:text><xsl:value-of select='@topic'/>
      </a>
      <xsl:if test='section2|section3'>
        <ol>
          <xsl:apply-templates select='section2|section3' mode='toc'/>
        </ol>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template name='anchor'>
    <xsl:choose>
      <xsl:when test='normalize-space(@anchor) != ""'><xsl:value-of select='@anchor'/></xsl:when>
      <xsl:otherwise>sect-<xsl:value-of select='generate-id()'/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name='number'>
    <xsl:number level='multiple' count='section1|section2|section3|section4' format='1.1'/>
    <xsl:if test='self::section1'>.</xsl:if>
  </xsl:template>

  <!-- ===================================================================== sections -->

  <xsl:template match='section1|section2|section3|section4'>
    <xsl:variable name='id'><xsl:call-template name='anchor'/></xsl:variable>
    <section id='{$id}' class='{local-name()}'>
      <xsl:variable name='heading'>
        <xsl:choose>
          <xsl:when test='self::section1'>h2</xsl:when>
          <xsl:when test='self::section2'>h3</xsl:when>
          <xsl:when test='self::section3'>h4</xsl:when>
          <xsl:otherwise>h5</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:element name='{$heading}'>
        <a class='anchor' href='#{$id}'><xsl:call-template name='number'/></a>
        <xsl:text> </xsl:text>
        <xsl:value-of select='@topic'/>
      </xsl:element>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- ======================================================================= blocks -->

  <xsl:template match='p'>
    <p><xsl:copy-of select='@class|@style'/><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match='div'>
    <div><xsl:copy-of select='@class|@style'/><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match='ul|ol|li'>
    <xsl:element name='{local-name()}'>
      <xsl:copy-of select='@start|@type'/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match='table'>
    <xsl:variable name='n' select='count(preceding::table) + 1'/>
    <div class='table'>
      <table id='table-{$n}'>
        <caption>Table <xsl:value-of select='$n'/>: <xsl:value-of select='@caption'/></caption>
        <xsl:apply-templates select='tr'/>
      </table>
    </div>
  </xsl:template>

  <xsl:template match='tr'>
    <tr><xsl:apply-templates select='th|td'/></tr>
  </xsl:template>

  <xsl:template match='th|td'>
    <xsl:element name='{local-name()}'>
      <xsl:if test='normalize-space(@colspan) != ""'><xsl:attribute name='colspan'><xsl:value-of select='@colspan'/></xsl:attribute></xsl:if>
      <xsl:if test='normalize-space(@rowspan) != ""'><xsl:attribute name='rowspan'><xsl:value-of select='@rowspan'/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match='example'>
    <xsl:variable name='n' select='count(preceding::example) + 1'/>
    <figure class='example' id='example-{$n}'>
      <figcaption><a href='#example-{$n}'>Example <xsl:value-of select='$n'/>.</a><xsl:text> </xsl:text><xsl:value-of select='@caption'/></figcaption>
      <pre><xsl:call-template name='trim'><xsl:with-param name='s' select='string(.)'/></xsl:call-template></pre>
    </figure>
  </xsl:template>

  <xsl:template match='code'>
    <figure class='code'>
      <xsl:if test='normalize-space(@caption) != ""'>
        <figcaption><xsl:value-of select='@caption'/></figcaption>
      </xsl:if>
      <pre><xsl:call-template name='trim'><xsl:with-param name='s' select='string(.)'/></xsl:call-template></pre>
    </figure>
  </xsl:template>

  <!-- ====================================================================== inlines -->

  <xsl:template match='tt'><code><xsl:apply-templates/></code></xsl:template>
  <xsl:template match='em'><em><xsl:apply-templates/></em></xsl:template>
  <xsl:template match='strong'><strong><xsl:apply-templates/></strong></xsl:template>
  <xsl:template match='cite'><cite><xsl:apply-templates/></cite></xsl:template>
  <xsl:template match='dfn'><dfn><xsl:apply-templates/></dfn></xsl:template>
  <xsl:template match='br'><br/></xsl:template>
  <xsl:template match='img'><img src='{@src}' alt=''/></xsl:template>
  <xsl:template match='link'><a href='{@url}'><xsl:apply-templates/></a></xsl:template>
  <xsl:template match='span'>
    <span><xsl:copy-of select='@class|@style'/><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match='note'>
    <xsl:variable name='n' select='count(preceding::note) + 1'/>
    <sup class='noteref'><a id='noteref-{$n}' href='#note-{$n}'>[<xsl:value-of select='$n'/>]</a></sup>
  </xsl:template>

  <xsl:template match='note' mode='footnote'>
    <xsl:variable name='n' select='count(preceding::note) + 1'/>
    <li id='note-{$n}'><xsl:apply-templates/><xsl:text> </xsl:text><a class='back' href='#noteref-{$n}'>&#8617;</a></li>
  </xsl:template>

  <!-- ====================================================================== helpers -->

  <!-- Drops leading blank lines and trailing white space, keeps the indentation. -->
  <xsl:template name='trim'>
    <xsl:param name='s'/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#10;') and normalize-space(substring-before($s, '&#10;')) = ''">
        <xsl:call-template name='trim'>
          <xsl:with-param name='s' select="substring-after($s, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name='rtrim'><xsl:with-param name='s' select='$s'/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name='rtrim'>
    <xsl:param name='s'/>
    <xsl:variable name='last' select='substring($s, string-length($s))'/>
    <xsl:choose>
      <xsl:when test="string-length($s) &gt; 0 and translate($last, ' &#9;&#10;&#13;', '') = ''">
        <xsl:call-template name='rtrim'>
          <xsl:with-param name='s' select='substring($s, 1, string-length($s) - 1)'/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select='$s'/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name='css'>
    :root { color-scheme: light; }
    body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
           color: #1d1f21; background: #fff; max-width: 52em; margin: 0 auto; padding: 1.5em 1.2em 4em; }
    h1 { font-size: 1.9em; line-height: 1.25; margin: 0.2em 0 0.6em; }
    h2 { font-size: 1.45em; margin-top: 2.2em; padding-bottom: 0.2em; border-bottom: 1px solid #d8dde3; }
    h3 { font-size: 1.2em; margin-top: 1.8em; }
    h4, h5 { font-size: 1.05em; margin-top: 1.5em; }
    a { color: #0b5cad; text-decoration: none; }
    a:hover { text-decoration: underline; }
    a.anchor { color: inherit; }
    p.abstract { font-size: 1.05em; background: #f4f7fa; border-left: 4px solid #0b5cad; padding: 0.7em 1em; }
    p.notice { background: #fff8e1; border: 1px solid #f0d58a; padding: 0.6em 1em; font-size: 0.95em; }
    table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.93em; }
    th, td { border: 1px solid #d8dde3; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
    th { background: #f4f7fa; }
    table.metadata th { width: 9em; }
    div.table { overflow-x: auto; }
    caption { caption-side: top; text-align: left; font-weight: 600; padding: 0.3em 0; }
    figure { margin: 1.1em 0; }
    figcaption { font-weight: 600; font-size: 0.93em; margin-bottom: 0.3em; }
    figcaption a { color: inherit; }
    pre { background: #f6f8fa; border: 1px solid #e1e4e8; border-radius: 4px; padding: 0.8em 1em;
          overflow-x: auto; font: 0.84em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em;
           background: #f3f4f6; padding: 0.05em 0.3em; border-radius: 3px; }
    nav#toc ol { list-style: none; padding-left: 1.2em; }
    nav#toc > ol { padding-left: 0; }
    nav#toc ol.appendices { margin-top: 0.6em; }
    sup.noteref { font-size: 0.7em; }
    ol.notes { font-size: 0.9em; }
    ol.notes a.back { margin-left: 0.3em; }
    .revision p.initials { color: #555; font-size: 0.9em; }
    section.appendix h3 { font-size: 1.05em; }
    li { margin: 0.25em 0; }
  </xsl:template>

</xsl:stylesheet>
