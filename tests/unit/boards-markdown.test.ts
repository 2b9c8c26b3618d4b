import { defaultTreeAdapter, html as htmlSpec, parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { MAX_POST_CHARS, postExcerpt, renderPostMarkdown, sanitisePostHtml } from "~/boards/markdown.server";
import { XSS_CORPUS } from "../support/xss-corpus";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  p: [],
  br: [],
  strong: [],
  em: [],
  code: [],
  pre: [],
  blockquote: [],
  ul: [],
  ol: ["start"],
  li: [],
  a: ["href", "rel"],
};
const REL = "nofollow ugc noopener noreferrer";
const FORBIDDEN_TAG_TEXT =
  /<\s*\/?\s*(?:script|iframe|object|embed|svg|math|style|img|image|meta|link|base|form|input|textarea|frame|frameset|video|audio|source|details|table)\b/i;

/**
 * Parses the HTML the way a browser does (parse5 implements the WHATWG algorithm, unlike the htmlparser2 inside
 * sanitize-html) inside a <div>, where a post is shown, and checks every node against the allow-list.
 */
function assertSafeHtml(output: string) {
  expect(output).not.toMatch(FORBIDDEN_TAG_TEXT);
  const container = defaultTreeAdapter.createElement("div", htmlSpec.NS.HTML, []);
  visit(parseFragment(container, output, {}));
}

function visit(node: Node) {
  if (node.nodeName === "#comment") throw new Error(`comment in output: ${JSON.stringify(node)}`);
  if ("tagName" in node) checkElement(node);
  if ("childNodes" in node) for (const child of node.childNodes) visit(child);
  if (node.nodeName === "template") visit((node as DefaultTreeAdapterMap["template"]).content);
}

function checkElement(element: Element) {
  const allowed = ALLOWED_ATTRIBUTES[element.tagName];
  expect(allowed, `element <${element.tagName}> is not allowed`).toBeDefined();
  expect(element.namespaceURI).toBe(htmlSpec.NS.HTML);
  for (const { name, value } of element.attrs) {
    expect(name, `attribute ${name} on <${element.tagName}>`).not.toMatch(/^on/i);
    expect(allowed, `attribute ${name} on <${element.tagName}>`).toContain(name);
    if (name === "href") checkHref(value);
    if (name === "rel") expect(value).toBe(REL);
    if (name === "start") expect(value).toMatch(/^\d+$/);
  }
  if (element.tagName === "a") expect(element.attrs.find((attr) => attr.name === "rel")?.value).toBe(REL);
}

/** What a browser would make of the URL: it strips leading and trailing C0 controls and spaces, and tabs and newlines anywhere. */
function checkHref(value: string) {
  const browserView = value.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  expect(browserView).not.toMatch(/^(?:javascript|data|vbscript|file):/i);
  expect(browserView).toMatch(/^(?:https?:\/\/|mailto:)/i);
}

function elements(output: string, tagName: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node && node.tagName === tagName) found.push(node);
    if ("childNodes" in node) node.childNodes.forEach(walk);
  };
  walk(parseFragment(output));
  return found;
}

describe("renderPostMarkdown: the Markdown subset", () => {
  it("renders bold, italics and inline code, escaping what is inside code", () => {
    expect(renderPostMarkdown("**bold** *italic* _also_ `a < b && c`")).toBe(
      "<p><strong>bold</strong> <em>italic</em> <em>also</em> <code>a &lt; b &amp;&amp; c</code></p>\n",
    );
  });

  it("renders fenced and indented code blocks without the language class", () => {
    expect(renderPostMarkdown("```js\nconst x = '<b>';\n```")).toBe(
      "<pre><code>const x = '&lt;b&gt;';\n</code></pre>\n",
    );
    expect(renderPostMarkdown("    indented\n")).toBe("<pre><code>indented\n</code></pre>\n");
  });

  it("renders bullet and numbered lists, nested lists and a list's start number", () => {
    const output = renderPostMarkdown("- one\n- two\n  - nested\n\n3. three\n4. four");
    expect(elements(output, "ul")).toHaveLength(2);
    expect(elements(output, "ol")[0]?.attrs).toEqual([{ name: "start", value: "3" }]);
    expect(elements(output, "li")).toHaveLength(5);
    assertSafeHtml(output);
  });

  it("keeps line breaks inside a paragraph", () => {
    expect(renderPostMarkdown("line one\nline two")).toBe("<p>line one<br />\nline two</p>\n");
  });

  it("renders links with rel nofollow ugc noopener noreferrer and no target", () => {
    expect(renderPostMarkdown("[the form](https://www.uscis.gov/i-130)")).toBe(
      `<p><a href="https://www.uscis.gov/i-130" rel="${REL}">the form</a></p>\n`,
    );
    expect(renderPostMarkdown("[write](mailto:help@example.org)")).toContain(`href="mailto:help@example.org"`);
    expect(renderPostMarkdown('[x](https://example.com "a title")')).not.toContain("title=");
    expect(renderPostMarkdown("[x](https://example.com)")).not.toContain("target");
  });

  it("autolinks URLs and email addresses in text and in angle brackets", () => {
    expect(renderPostMarkdown("see https://egov.uscis.gov/ today")).toBe(
      `<p>see <a href="https://egov.uscis.gov/" rel="${REL}">https://egov.uscis.gov/</a> today</p>\n`,
    );
    expect(renderPostMarkdown("<https://example.com/a?b=1&c=2>")).toContain(`href="https://example.com/a?b=1&amp;c=2"`);
    expect(renderPostMarkdown("mail help@example.org")).toContain(`href="mailto:help@example.org"`);
  });

  it("leaves relative and protocol-relative links as text", () => {
    for (const source of ["[x](/admin)", "[x](#top)", "[x](//evil.example/path)", "[x](page.html)"]) {
      const output = renderPostMarkdown(source);
      expect(elements(output, "a"), source).toHaveLength(0);
      expect(output).toContain(source.replace(/&/g, "&amp;"));
    }
  });

  it("renders quotes and quotes of quotes several levels deep", () => {
    const output = renderPostMarkdown("> > > > deepest\n> > > third\n> > second\n> first\n\nmy reply");
    assertSafeHtml(output);
    let depth = 0;
    let node: Element | undefined = elements(output, "blockquote")[0];
    while (node) {
      depth += 1;
      node = node.childNodes.find((child): child is Element => "tagName" in child && child.tagName === "blockquote");
    }
    expect(depth).toBe(4);
    expect(output).toContain("deepest");
    expect(output).toMatch(/<\/blockquote>\n<p>my reply<\/p>/);
  });

  it("does not render images, which would make readers' browsers fetch the author's URL", () => {
    const output = renderPostMarkdown("![a photo](https://tracker.example/pixel.gif)");
    expect(elements(output, "img")).toHaveLength(0);
    expect(output).toBe(`<p>!<a href="https://tracker.example/pixel.gif" rel="${REL}">a photo</a></p>\n`);
  });

  it("shows headings, tables, rules, strikethrough and raw HTML as text", () => {
    expect(renderPostMarkdown("# Title")).toBe("<p># Title</p>\n");
    expect(renderPostMarkdown("| a | b |\n|---|---|\n| 1 | 2 |")).not.toContain("<table");
    expect(renderPostMarkdown("---")).toBe("<p>---</p>\n");
    expect(renderPostMarkdown("~~old~~")).toBe("<p>~~old~~</p>\n");
    expect(renderPostMarkdown("<b>bold</b>")).toBe("<p>&lt;b&gt;bold&lt;/b&gt;</p>\n");
  });

  it("refuses sources over the limit rather than render them", () => {
    expect(() => renderPostMarkdown("a".repeat(MAX_POST_CHARS))).not.toThrow();
    expect(() => renderPostMarkdown("a".repeat(MAX_POST_CHARS + 1))).toThrow(RangeError);
    expect(() => postExcerpt("a".repeat(MAX_POST_CHARS + 1), 100)).toThrow(RangeError);
  });

  it.each([
    ["nested quotes", ">".repeat(MAX_POST_CHARS)],
    [
      "nested lists",
      Array.from({ length: 2000 }, (_, depth) => `${"  ".repeat(depth % 60)}- x`)
        .join("\n")
        .slice(0, MAX_POST_CHARS),
    ],
    ["open brackets", "[".repeat(MAX_POST_CHARS)],
    ["emphasis runs", "*a_".repeat(MAX_POST_CHARS / 3)],
    ["backticks", "`a``".repeat(MAX_POST_CHARS / 4)],
    ["link soup", "[a](<b>)(c)".repeat(MAX_POST_CHARS / 11)],
  ])("renders pathological input (%s) quickly and safely", (_, source) => {
    const started = performance.now();
    const output = renderPostMarkdown(source);
    expect(performance.now() - started).toBeLessThan(1000);
    assertSafeHtml(output);
  });
});

describe("renderPostMarkdown: the XSS corpus", () => {
  it("has at least 60 payloads, each named once", () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(XSS_CORPUS.map(({ name }) => name)).size).toBe(XSS_CORPUS.length);
  });

  const contexts: [string, (payload: string) => string][] = [
    ["as written", (payload) => payload],
    ["in a quote", (payload) => `> ${payload.replace(/\n/g, "\n> ")}`],
    ["in a list", (payload) => `- ${payload}`],
    ["in link text", (payload) => `[${payload}](https://example.com)`],
    ["in bold text", (payload) => `**${payload}**`],
  ];

  describe.each(contexts)("%s", (_, wrap) => {
    it.each(XSS_CORPUS)("$name", ({ payload }) => {
      assertSafeHtml(renderPostMarkdown(wrap(payload)));
    });
  });

  describe("the sanitiser alone, given the payload as HTML", () => {
    it.each(XSS_CORPUS)("$name", ({ payload }) => {
      const output = sanitisePostHtml(payload);
      assertSafeHtml(output);
      expect(sanitisePostHtml(output)).toBe(output);
    });
  });

  it("the checker itself rejects unsafe HTML", () => {
    const unsafe = [
      "<img src=x onerror=alert(1)>",
      '<p onclick="alert(1)">x</p>',
      `<a href="jav&#x09;ascript:alert(1)" rel="${REL}">x</a>`,
      `<a href=" javascript:alert(1)" rel="${REL}">x</a>`,
      `<a href="data:text/html,x" rel="${REL}">x</a>`,
      `<a href="/relative" rel="${REL}">x</a>`,
      '<a href="https://example.com">no rel</a>',
      "<p><!-- comment --></p>",
      '<p style="color:red">x</p>',
      "<svg><a>x</a></svg>",
    ];
    for (const output of unsafe) expect(() => assertSafeHtml(output), output).toThrow();
  });
});

describe("postExcerpt", () => {
  it("drops Markdown syntax and keeps the words, link texts and code", () => {
    expect(postExcerpt("**Hello** _there_, see [the form](https://www.uscis.gov/i-130) and `I-130`.", 200)).toBe(
      "Hello there, see the form and I-130.",
    );
    expect(postExcerpt("- one\n- two\n\n1. three", 200)).toBe("one two three");
    expect(postExcerpt("```\nnpm start\n```", 200)).toBe("npm start");
  });

  it("decodes entities and leaves HTML as plain text for the caller to escape", () => {
    expect(postExcerpt("Fish &amp; chips <b>now</b>", 200)).toBe("Fish & chips <b>now</b>");
  });

  it("leaves out quoted posts, so a reply is described by its own words", () => {
    expect(postExcerpt("> the question\n> > an older answer\n\nMy answer.", 200)).toBe("My answer.");
  });

  it("collapses whitespace and cuts at a word boundary with an ellipsis", () => {
    const excerpt = postExcerpt("The   quick\n\nbrown fox jumps over the lazy dog", 20);
    expect(excerpt).toBe("The quick brown fox…");
    expect(excerpt.length).toBeLessThanOrEqual(20);
  });

  it("cuts inside a long word rather than drop almost everything", () => {
    const excerpt = postExcerpt("See https://example.com/a-very-long-path-without-spaces", 30);
    expect(excerpt.length).toBe(30);
    expect(excerpt.endsWith("…")).toBe(true);
  });

  it("returns short text unchanged and nothing for an empty post", () => {
    expect(postExcerpt("Short.", 200)).toBe("Short.");
    expect(postExcerpt("", 200)).toBe("");
  });
});
