/**
 * HTML to article paragraphs: @mozilla/readability finds the article inside a page (parsed with linkedom), headings
 * and figure captions keep their kind, and every block readability left out is returned as removed.
 * Pure (no I/O); imports only types and text/ modules.
 */
import { Readability } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { Errors } from '../errors.ts';
import type { Removed } from '../schemas/article.ts';
import type { Paragraph } from './paragraph.ts';

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV',
  'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS', 'SELECT', 'BUTTON', 'HEAD']);
const HEADING = /^H[1-6]$/u;
// Collapse layout whitespace only: soft hyphens and zero-width characters must reach legacy-encoding detection,
// because in TCVN3 text a soft hyphen is the letter "ư".
const LAYOUT_SPACE = /[ \t\n\r\f\u00a0]+/gu;
const HAS_DOCUMENT = /<html[\s>]|<body[\s>]/iu;

interface DomNode {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
}

/**
 * Deepest element nesting a page may have. linkedom's selector matching and readability cost grows much faster than
 * the depth (300 levels 0.6 s, 500 levels 2.8 s, 2,000 levels over 40 s; 100,000 overflowed the stack); real
 * article pages stay under 60.
 */
export const MAX_HTML_DEPTH = 128;

/**
 * Refuse HTML nested deeper than `max` before any DOM is built. htmlparser2 is the tokeniser linkedom builds its DOM
 * with, so implied end tags (`<p><p>`, `<li><li>`) count as linkedom will count them; it stops at the first element
 * past the limit, so the check is linear in the page.
 * @throws ERR_INTAKE_TOO_DEEP
 */
export function assertHtmlDepth(html: string, max = MAX_HTML_DEPTH): void {
  let depth = 0;
  const parser = new Parser(
    {
      onopentag() {
        if (++depth > max) throw new Errors.IntakeTooDeep(max, 'flatten the page (save it as text or .docx) and import it again');
      },
      onclosetag() {
        depth--;
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true },
  );
  parser.write(html);
  parser.end();
}

/** A block of text from a DOM tree and the kind its markup states. */
export type Block = Pick<Paragraph, 'text' | 'kind'>;

/**
 * Walk a DOM subtree and return its text blocks in document order. Headings become `heading`, figcaptions
 * `caption`; `<br>` splits a block into lines, as old sites separate paragraphs with it.
 */
export function domBlocks(root: DomNode): Block[] {
  const out: Block[] = [];
  let buffer = '';
  const flush = (kind: Block['kind']) => {
    for (const line of buffer.split('\n')) {
      const text = line.replace(LAYOUT_SPACE, ' ').trim();
      if (text !== '') out.push(kind ? { text, kind } : { text });
    }
    buffer = '';
  };
  const visit = (node: DomNode, kind: Block['kind']) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) buffer += child.textContent ?? '';
      if (child.nodeType !== 1) continue;
      const tag = child.nodeName.toUpperCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'BR') buffer += '\n';
      else if (!BLOCK.has(tag)) visit(child, kind);
      else {
        flush(kind);
        const inner = HEADING.test(tag) ? 'heading' : tag === 'FIGCAPTION' ? 'caption' : kind;
        visit(child, inner);
        flush(inner);
      }
    }
  };
  visit(root, undefined);
  flush(undefined);
  return out;
}

/**
 * Page positions by block text, each given out once: `take(text, from)` is the first free position of that text at or
 * after `from`, else its first free position, else -1. A "next free" union-find over each text's positions keeps a
 * page of many thousand blocks (or many equal ones) linear; a scan per block was quadratic.
 */
function blockFinder(all: readonly Block[], skip: number): (text: string, from: number) => number {
  const positions = new Map<string, number[]>();
  all.forEach((b, i) => {
    if (i === skip) return;
    const list = positions.get(b.text);
    if (list) list.push(i);
    else positions.set(b.text, [i]);
  });
  const nextFree = new Map<string, number[]>();
  const find = (parent: number[], k: number) => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]!]!;
      k = parent[k]!;
    }
    return k;
  };
  return (text, from) => {
    const list = positions.get(text);
    if (!list) return -1;
    let parent = nextFree.get(text);
    if (!parent) nextFree.set(text, (parent = Array.from({ length: list.length + 1 }, (_, i) => i)));
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    let k = find(parent, lo);
    if (k === list.length) k = find(parent, 0);
    if (k === list.length) return -1;
    parent[k] = k + 1;
    return list[k]!;
  };
}

export interface HtmlArticle {
  /** The first h1, else the page title; empty when the page has neither. */
  title: string;
  /** Article paragraphs; `position` is the block's index among all blocks of the page. */
  paragraphs: Paragraph[];
  /** Page blocks that readability did not keep as article text. */
  removed: Removed[];
}

const READABILITY_REASON = 'not part of the article (page navigation, sidebar or other news, left out by readability)';

/**
 * Extract the article from an HTML page or fragment.
 * @throws ERR_INTAKE_TOO_DEEP past `MAX_HTML_DEPTH` levels of nesting
 * @example htmlToArticle('<h1>Tin</h1><p>Đoạn một.</p>').paragraphs // [{ text: 'Đoạn một.', position: 1 }]
 */
export function htmlToArticle(html: string): HtmlArticle {
  assertHtmlDepth(html);
  const page = HAS_DOCUMENT.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  const body = document.body as unknown as DomNode | null;
  const all = body ? domBlocks(body) : [];
  const h1Text = document.querySelector('h1')?.textContent?.replace(LAYOUT_SPACE, ' ').trim() ?? '';
  const h1Index = h1Text === '' ? -1 : all.findIndex((b) => b.kind === 'heading' && b.text === h1Text);
  const title = h1Index >= 0 ? h1Text : (document.title ?? '').replace(LAYOUT_SPACE, ' ').trim();

  // Readability changes the document it reads, so the page's own blocks are taken first.
  const article = new Readability(document as unknown as Document, { serializer: (node: Node) => node }).parse();
  const kept: Block[] = article?.content ? domBlocks(article.content as unknown as DomNode) : all;
  if (article?.byline && !kept.some((b) => b.text === article.byline!.trim())) kept.push({ text: article.byline.trim(), kind: 'byline' });

  // Match kept blocks to page blocks in order so each keeps its page position; the rest was left out.
  const take = blockFinder(all, h1Index);
  const used = new Set<number>();
  if (h1Index >= 0) used.add(h1Index);
  let from = 0;
  const paragraphs: Paragraph[] = kept
    .filter((b) => !(h1Index >= 0 && b.kind === 'heading' && b.text === title))
    .map((b) => {
      const at = take(b.text, from);
      if (at >= 0) {
        used.add(at);
        from = at + 1;
      }
      return { ...b, position: at >= 0 ? at : all.length };
    });
  const removed = all.flatMap((b, i) => (used.has(i) ? [] : [{ text: b.text, reason: READABILITY_REASON, position: i }]));
  return { title, paragraphs, removed };
}
