/**
 * XML → a small position-keeping element tree.
 *
 * The syntax work is done by @xml-tools/parser (error tolerant, chevrotain
 * CST with token offsets). This module turns its CST into our XmlElement tree,
 * decodes attribute values and character data itself (through entities and
 * character references, mapping every value character to its source), resolves
 * namespace prefixes, and reports problems with exact spans. It never throws:
 * half-typed documents give a partial tree plus errors.
 */
import type { parse as ParseCst } from '@xml-tools/parser';
import type { CstNode, IToken } from 'chevrotain';
import { MappedBuilder, MappedString } from '../mapped';
import type { Span } from '../text';
import type { XmlAttribute, XmlDocument, XmlElement, XmlError } from './types';

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes XML character data or an attribute value (`raw`, found in the
 * document at `start`) into `out`. An entity or character reference becomes
 * its character(s), each mapped to the whole reference; other characters map
 * to themselves. Line ends are normalised as XML requires ("\r\n" and "\r"
 * become "\n"); in attribute values, literal tab, newline and carriage return
 * then become a space (attribute-value normalisation for CDATA attributes).
 * Malformed references are kept literally and reported.
 */
export function decodeXmlInto(
  out: MappedBuilder,
  raw: string,
  start: number,
  inAttribute: boolean,
  errors: XmlError[],
): void {
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const c = raw[i];
    if (c === '&') {
      const semi = raw.indexOf(';', i + 1);
      // A reference is '&' name ';' or '&#' digits ';' with no space inside.
      const body = semi < 0 ? null : raw.slice(i + 1, semi);
      if (body !== null && /^[A-Za-z_:][\w.:-]*$/.test(body)) {
        const ch = PREDEFINED[body];
        if (ch !== undefined) {
          out.push(ch, start + i, start + semi + 1);
        } else {
          errors.push({ message: `unknown entity '&${body};'`, span: { start: start + i, end: start + semi + 1 } });
          out.pushLiteral(raw.slice(i, semi + 1), start + i);
        }
        i = semi + 1;
        continue;
      }
      if (body !== null && /^#([0-9]+|x[0-9A-Fa-f]+)$/.test(body)) {
        const cp = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        if (isXmlChar(cp)) {
          out.push(String.fromCodePoint(cp), start + i, start + semi + 1);
        } else {
          errors.push({ message: `invalid character reference '&${body};'`, span: { start: start + i, end: start + semi + 1 } });
          out.pushLiteral(raw.slice(i, semi + 1), start + i);
        }
        i = semi + 1;
        continue;
      }
      errors.push({ message: "'&' must start an entity or character reference (write '&amp;')", span: { start: start + i, end: start + i + 1 } });
      out.push('&', start + i, start + i + 1);
      i++;
      continue;
    }
    if (c === '\r') {
      // "\r\n" and a lone "\r" are one line end.
      const len = raw[i + 1] === '\n' ? 2 : 1;
      out.push(inAttribute ? ' ' : '\n', start + i, start + i + len);
      i += len;
      continue;
    }
    if (inAttribute && (c === '\n' || c === '\t')) {
      out.push(' ', start + i, start + i + 1);
      i++;
      continue;
    }
    out.push(c, start + i, start + i + 1);
    i++;
  }
}

/** Decodes `raw` (at document offset `start`) into a MappedString. */
export function decodeXml(raw: string, start: number, inAttribute: boolean, errors: XmlError[] = []): MappedString {
  const b = new MappedBuilder(start);
  decodeXmlInto(b, raw, start, inAttribute, errors);
  return b.build();
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

// ---------------------------------------------------------------------------
// CST → tree

/** A token that really is in the text (not inserted by error recovery). */
function real(t: IToken | undefined): t is IToken {
  return t !== undefined && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

function tokSpan(t: IToken): Span {
  // chevrotain end offsets are inclusive.
  return { start: t.startOffset, end: (t.endOffset ?? t.startOffset) + 1 };
}

function firstTok(ch: Record<string, (IToken | CstNode)[]>, key: string): IToken | undefined {
  const a = ch[key] as IToken[] | undefined;
  return a && a.length ? a[0] : undefined;
}

function nodes(ch: Record<string, (IToken | CstNode)[]>, key: string): CstNode[] {
  return (ch[key] as CstNode[] | undefined) ?? [];
}

function splitName(name: string): { prefix?: string; local: string } {
  const i = name.indexOf(':');
  return i > 0 ? { prefix: name.slice(0, i), local: name.slice(i + 1) } : { local: name };
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

interface Builder {
  text: string;
  errors: XmlError[];
  /** Unterminated attribute values taken over by recovery. */
  recovered: Span[];
}

function inRecovered(b: Builder, at: number): boolean {
  return b.recovered.some((r) => at >= r.start && at < r.end);
}

/** Largest end offset of any real token under `node`. */
function maxEnd(node: CstNode | IToken, acc: number): number {
  if ('image' in node) return real(node) ? Math.max(acc, node.endOffset! + 1) : acc;
  return Math.max(acc, subtreeEnd(node));
}

/**
 * maxEnd of a CST node's subtree (-Infinity when it holds no real token),
 * kept per node: every element asks for its own subtree, which made nested
 * elements walk their descendants once per ancestor.
 */
const subtreeEnds = new WeakMap<CstNode, number>();
function subtreeEnd(node: CstNode): number {
  let acc = subtreeEnds.get(node);
  if (acc !== undefined) return acc;
  acc = -Infinity;
  for (const list of Object.values(node.children)) {
    for (const c of list ?? []) acc = maxEnd(c as CstNode | IToken, acc);
  }
  subtreeEnds.set(node, acc);
  return acc;
}

function buildAttribute(node: CstNode, b: Builder): XmlAttribute | undefined {
  const ch = node.children as Record<string, (IToken | CstNode)[]>;
  const nameTok = firstTok(ch, 'Name');
  if (!real(nameTok)) return undefined;
  const eq = firstTok(ch, 'EQUALS');
  const str = firstTok(ch, 'STRING');
  const nameSpan = tokSpan(nameTok);
  const { prefix, local } = splitName(nameTok.image);
  if (real(str)) {
    const valueSpan = { start: str.startOffset + 1, end: str.endOffset! };
    const value = decodeXml(str.image.slice(1, -1), valueSpan.start, true, b.errors);
    return { name: nameTok.image, prefix, local, nameSpan, value, valueSpan, span: { start: nameSpan.start, end: str.endOffset! + 1 } };
  }
  const end = real(eq) ? eq.endOffset! + 1 : nameSpan.end;
  if (real(eq)) {
    // An unterminated quoted value (the user is typing it): the lexer drops
    // the quote. Take the value up to the end of the line, a '<' or a '>'.
    let q = end;
    while (q < b.text.length && /[ \t\r\n]/.test(b.text[q])) q++;
    const quote = b.text[q];
    if (quote === '"' || quote === "'") {
      const stop = /[<>\r\n]/.exec(b.text.slice(q + 1));
      const vEnd = stop ? q + 1 + stop.index : b.text.length;
      const valueSpan = { start: q + 1, end: vEnd };
      const value = decodeXml(b.text.slice(q + 1, vEnd), q + 1, true, b.errors);
      b.errors.push({ message: `value of attribute '${nameTok.image}' is not closed (missing ${quote})`, span: { start: q, end: vEnd } });
      b.recovered.push({ start: q, end: vEnd });
      return { name: nameTok.image, prefix, local, nameSpan, value, valueSpan, span: { start: nameSpan.start, end: vEnd } };
    }
  }
  b.errors.push({
    message: real(eq) ? `attribute '${nameTok.image}' needs a quoted value` : `attribute '${nameTok.image}' has no value (expected ="...")`,
    span: { start: nameSpan.start, end },
  });
  return { name: nameTok.image, prefix, local, nameSpan, span: { start: nameSpan.start, end } };
}

interface ContentItem {
  start: number;
  end: number;
  kind: 'text' | 'cdata' | 'element';
  node?: CstNode;
}

function buildElement(node: CstNode, scope: ReadonlyMap<string, string>, b: Builder): XmlElement | undefined {
  const ch = node.children as Record<string, (IToken | CstNode)[]>;
  const open = firstTok(ch, 'OPEN');
  const nameTok = firstTok(ch, 'Name');
  if (!real(open)) return undefined;
  if (!real(nameTok)) {
    b.errors.push({ message: "expected an element name after '<'", span: tokSpan(open) });
    return undefined;
  }
  const name = nameTok.image;
  const nameSpan = tokSpan(nameTok);

  const attributes: XmlAttribute[] = [];
  for (const a of nodes(ch, 'attribute')) {
    const nameTok = firstTok(a.children as Record<string, (IToken | CstNode)[]>, 'Name');
    // Tokens inside a recovered unterminated value are not attributes.
    if (real(nameTok) && inRecovered(b, nameTok.startOffset)) continue;
    const attr = buildAttribute(a, b);
    if (!attr) continue;
    if (attributes.some((x) => x.name === attr.name)) {
      b.errors.push({ message: `duplicate attribute '${attr.name}'`, span: attr.nameSpan });
    }
    attributes.push(attr);
  }

  // Namespace declarations on this element apply to it and its descendants.
  let ns: Map<string, string> | ReadonlyMap<string, string> = scope;
  for (const a of attributes) {
    if (a.value === undefined) continue;
    if (a.name === 'xmlns' || a.prefix === 'xmlns') {
      if (ns === scope) ns = new Map(scope);
      (ns as Map<string, string>).set(a.name === 'xmlns' ? '' : a.local, a.value.text);
    }
  }
  const { prefix, local } = splitName(name);
  const namespace = prefix === 'xml' ? XML_NS : ns.get(prefix ?? '');
  if (prefix !== undefined && prefix !== 'xml' && namespace === undefined) {
    b.errors.push({ message: `namespace prefix '${prefix}' is not declared`, span: { start: nameSpan.start, end: nameSpan.start + prefix.length } });
  }

  const startClose = firstTok(ch, 'START_CLOSE');
  const slashClose = firstTok(ch, 'SLASH_CLOSE');
  const selfClosing = real(slashClose);
  let startTagEnd: number;
  if (real(startClose)) startTagEnd = startClose.endOffset! + 1;
  else if (selfClosing) startTagEnd = slashClose.endOffset! + 1;
  else {
    startTagEnd = Math.max(nameSpan.end, ...attributes.map((a) => a.span.end));
    b.errors.push({ message: `start tag <${name}> is not closed (expected '>' or '/>')`, span: { start: open.startOffset, end: startTagEnd } });
  }
  const startTagSpan = { start: open.startOffset, end: startTagEnd };

  // Content, in document order. The CST groups content by kind.
  const children: XmlElement[] = [];
  const text = new MappedBuilder(startTagEnd);
  const content = nodes(ch, 'content')[0];
  if (content) {
    const cc = content.children as Record<string, (IToken | CstNode)[]>;
    const items: ContentItem[] = [];
    for (const k of ['chardata', 'reference'] as const) {
      for (const n of nodes(cc, k)) {
        const loc = n.location;
        if (loc && Number.isFinite(loc.startOffset) && Number.isFinite(loc.endOffset)) {
          items.push({ start: loc.startOffset, end: loc.endOffset! + 1, kind: 'text' });
        }
      }
    }
    for (const t of (cc.CData as IToken[] | undefined) ?? []) {
      if (real(t)) items.push({ start: t.startOffset, end: t.endOffset! + 1, kind: 'cdata' });
    }
    for (const n of nodes(cc, 'element')) {
      const o = firstTok(n.children as Record<string, (IToken | CstNode)[]>, 'OPEN');
      if (real(o)) items.push({ start: o.startOffset, end: o.startOffset, kind: 'element', node: n });
    }
    items.sort((x, y) => x.start - y.start);
    // Adjacent text pieces are decoded from the source as one run: the lexer
    // splits some character references (&#x2C; becomes "&#x2" + "C;").
    let runStart = -1;
    let runEnd = -1;
    const flush = () => {
      if (runStart >= 0) decodeXmlInto(text, b.text.slice(runStart, runEnd), runStart, false, b.errors);
      runStart = runEnd = -1;
    };
    for (const it of items) {
      if (it.kind === 'text') {
        if (runStart >= 0 && it.start === runEnd) runEnd = it.end;
        else {
          flush();
          runStart = it.start;
          runEnd = it.end;
        }
        continue;
      }
      flush();
      if (it.kind === 'cdata') {
        // <![CDATA[ ... ]]>: content is literal.
        text.pushLiteral(b.text.slice(it.start + 9, it.end - 3), it.start + 9);
      } else {
        const child = buildElement(it.node!, ns, b);
        if (child) children.push(child);
      }
    }
    flush();
  }

  let endTagSpan: Span | undefined;
  if (!selfClosing && real(startClose)) {
    const slashOpen = firstTok(ch, 'SLASH_OPEN');
    const endName = firstTok(ch, 'END_NAME');
    const endClose = firstTok(ch, 'END');
    if (real(slashOpen) && real(endName)) {
      endTagSpan = { start: slashOpen.startOffset, end: real(endClose) ? endClose.endOffset! + 1 : endName.endOffset! + 1 };
      if (endName.image !== name) {
        b.errors.push({ message: `end tag </${endName.image}> does not match start tag <${name}>`, span: tokSpan(endName) });
      } else if (!real(endClose)) {
        b.errors.push({ message: `end tag </${name}> is not closed (expected '>')`, span: endTagSpan });
      }
    } else {
      b.errors.push({ message: `element <${name}> is not closed (expected </${name}>)`, span: nameSpan });
    }
  }

  const end = Math.max(maxEnd(node, startTagEnd), startTagEnd);
  return {
    name,
    prefix,
    local,
    namespace,
    nameSpan,
    startTagSpan,
    span: { start: open.startOffset, end },
    endTagSpan,
    selfClosing,
    attributes,
    children,
    text: text.build(),
  };
}

/** Friendlier wording for chevrotain's token type names. */
const TOKEN_WORDS: Readonly<Record<string, string>> = {
  STRING: 'a quoted value',
  EQUALS: "'='",
  CLOSE: "'>'",
  SLASH_CLOSE: "'/>'",
  Name: 'a name',
  SLASH_OPEN: 'an end tag',
  OPEN: "'<'",
};

function syntaxMessage(e: { message: string; token: IToken }): string {
  const found = e.token.image ? `'${e.token.image}'` : 'the end of the document';
  const m = /Expecting token of type --> (\w+) <--/.exec(e.message);
  if (m) return `XML syntax error: expected ${TOKEN_WORDS[m[1]] ?? m[1]} but found ${found}`;
  return `XML syntax error: unexpected ${found}`;
}

/**
 * The XML parser, loaded on first use: building its grammar (chevrotain's
 * self-analysis) costs tens of milliseconds at load, which every server
 * start paid even when no XML document is ever opened.
 */
let parseCst: typeof ParseCst | undefined;
function xmlParser(): typeof ParseCst {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  parseCst ??= (require('@xml-tools/parser') as { parse: typeof ParseCst }).parse;
  return parseCst;
}

/**
 * Parses XML text into an element tree plus errors. Never throws.
 */
export function parseXmlDocument(text: string): XmlDocument {
  const b: Builder = { text, errors: [], recovered: [] };
  let result: ReturnType<typeof ParseCst>;
  try {
    result = xmlParser()(text);
  } catch (e) {
    // Defensive: the parser is not supposed to throw.
    return { errors: [{ message: `XML parser failure: ${(e as Error).message}`, span: { start: 0, end: 0 } }] };
  }
  const structural: XmlError[] = b.errors;
  const docCh = result.cst.children as Record<string, (IToken | CstNode)[]>;
  const rootNode = nodes(docCh, 'element')[0];
  const root = rootNode ? buildElement(rootNode, new Map(), b) : undefined;

  const errors: XmlError[] = [];
  for (const e of result.lexErrors) {
    if (inRecovered(b, e.offset)) continue;
    const ch = text.slice(e.offset, e.offset + e.length);
    errors.push({ message: `XML syntax error: unexpected character '${ch}'`, span: { start: e.offset, end: e.offset + e.length } });
  }
  errors.push(...structural);
  // chevrotain's own errors, unless one of ours already covers the spot.
  for (const e of result.parseErrors) {
    const at = Number.isFinite(e.token.startOffset) ? e.token.startOffset : text.length;
    const end = Number.isFinite(e.token.startOffset) ? (e.token.endOffset ?? at) + 1 : text.length;
    if (structural.some((s) => at >= s.span.start - 1 && at <= s.span.end + 1) || errors.some((s) => s.span.start === at)) continue;
    errors.push({ message: syntaxMessage(e), span: { start: at, end } });
  }
  if (!root && !errors.length) errors.push({ message: 'the document has no root element', span: { start: 0, end: text.length } });
  errors.sort((x, y) => x.span.start - y.span.start);
  return { root, errors };
}

// ---------------------------------------------------------------------------
// Tree helpers

export function getAttribute(el: XmlElement, name: string): XmlAttribute | undefined {
  return el.attributes.find((a) => a.name === name);
}

/** Child elements with local name `local` (and, when given, namespace `ns`; by default: no prefix). */
export function childElements(el: XmlElement, local: string, ns?: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && (ns === undefined ? c.prefix === undefined : c.namespace === ns));
}

export function firstChild(el: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined {
  if (!el) return undefined;
  return el.children.find((c) => c.local === local && (ns === undefined ? c.prefix === undefined : c.namespace === ns));
}
