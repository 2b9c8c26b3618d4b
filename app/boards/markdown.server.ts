/**
 * Message-board posts (issue #7): a small Markdown subset rendered to HTML that is safe to put in a page.
 *
 * Two independent layers, so one bug does not become stored XSS: markdown-it never passes raw HTML through
 * (`html: false`) and only emits the constructs enabled below, then sanitize-html filters its output against
 * a strict allow-list. Images are not rendered (an image makes every reader's browser fetch a URL the author
 * chose, leaking readers' addresses and enabling tracking); `![alt](url)` shows as `!` and a link.
 * Server-only: sanitize-html pulls in postcss, which has no place in the browser bundle; previews go through
 * the server.
 */
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Posts are rendered when written and the HTML stored with this version (BoardPost.bodyHtml, htmlVersion). Raise it
 * whenever the output of renderPostMarkdown changes (a sanitiser fix, a new Markdown rule): every stored post with
 * an older version is rendered again when it is next read, so old posts get the fix too.
 */
export const RENDER_VERSION = 1;

/** Posts longer than this are refused by the post schema; the renderer throws rather than render them. */
export const MAX_POST_CHARS = 20_000;

const markdown = new MarkdownIt("default", {
  html: false,
  linkify: true,
  breaks: true,
  typographer: false,
  // Nesting a quote of a quote of a quote is normal in a thread; 20 levels of it is not. Deeper content is dropped.
  maxNesting: 20,
}).disable(["image", "table", "heading", "lheading", "hr", "strikethrough"]);

const SAFE_HREF = /^(?:https?:\/\/|mailto:)/i;
// Only absolute links to the web or to an email address: a relative link would point into Passage itself at a
// path the author chose. A refused link stays as its literal Markdown text. markdown-it checks the normalised
// URL (entities decoded, percent-encoded), so obfuscated schemes cannot slip past the prefix test.
markdown.validateLink = (url) => SAFE_HREF.test(url);

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  parseStyleAttributes: false,
  nestingLimit: 40,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...(attribs.href && SAFE_HREF.test(attribs.href) ? { href: attribs.href } : {}),
        rel: "nofollow ugc noopener noreferrer",
      },
    }),
  },
};

/**
 * The HTML for a post's Markdown source. Throws a RangeError for sources over MAX_POST_CHARS: the post
 * schema refuses them with a message, so reaching this with one is a bug in the caller.
 */
export function renderPostMarkdown(source: string): string {
  assertLength(source);
  return sanitisePostHtml(markdown.render(source));
}

/** The second layer on its own, exported so tests can check it holds even against HTML markdown-it never emits. */
export function sanitisePostHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/**
 * The post as plain text for meta descriptions and search snippets: no Markdown syntax, whitespace
 * collapsed, at most maxChars long (cut at a word boundary with "…"). Quoted posts (`> `) are left out, so a
 * reply is described by what its author wrote. The result is text, not HTML: escape it where it is output.
 */
export function postExcerpt(source: string, maxChars: number): string {
  assertLength(source);
  const parts: string[] = [];
  let quoteDepth = 0;
  for (const token of markdown.parse(source, {})) {
    if (token.type === "blockquote_open") quoteDepth += 1;
    else if (token.type === "blockquote_close") quoteDepth -= 1;
    else if (quoteDepth > 0) continue;
    else if (token.type === "inline") parts.push(inlineText(token.children ?? []));
    else if (token.type === "fence" || token.type === "code_block") parts.push(token.content);
  }
  return truncate(parts.join(" ").replace(/\s+/g, " ").trim(), maxChars);
}

type InlineToken = { type: string; content: string };

function inlineText(children: InlineToken[]): string {
  return children
    .map((child) => {
      if (child.type === "text" || child.type === "code_inline") return child.content;
      if (child.type === "softbreak" || child.type === "hardbreak") return " ";
      return "";
    })
    .join("");
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars < 1) return "";
  // The space ending the last whole word may sit where the ellipsis goes.
  const lastSpace = text.slice(0, maxChars).lastIndexOf(" ");
  // A cut inside a long word (a URL, say) keeps the partial word rather than dropping most of the excerpt.
  const kept = lastSpace >= maxChars / 2 ? text.slice(0, lastSpace) : text.slice(0, maxChars - 1);
  return `${kept.trimEnd()}…`;
}

function assertLength(source: string) {
  if (source.length > MAX_POST_CHARS) {
    throw new RangeError(`A post is at most ${MAX_POST_CHARS} characters; this one has ${source.length}.`);
  }
}
