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
import { MappedBuilder, MappedString, literal } from '../mapped';
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
  // Characters that map to themselves are copied in stretches (pushLiteral)
  // rather than one by one: most values have no reference at all.
  let plainFrom = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    if (c !== 0x26 /* & */ && c !== 0x0d /* \r */ && !(inAttribute && (c === 0x0a || c === 0x09))) {
      i++;
      continue;
    }
    if (i > plainFrom) out.pushLiteral(raw.slice(plainFrom, i), start + plainFrom);
    if (c === 0x26) {
      // A reference is '&' name ';' or '&#' digits ';' with no space inside.
      // Only characters of that alphabet can come before its ';': stopping
      // at the first other one gives the same answer as looking for the next
      // ';' anywhere, without rescanning the rest of the value per '&'.
      let k = i + 1;
      while (k < n && REF_BODY_CHAR.test(raw[k])) k++;
      const semi = k < n && raw.charCodeAt(k) === 0x3b ? k : -1;
      const body = semi < 0 ? null : raw.slice(i + 1, semi);
      if (body !== null && /^[A-Za-z_:][\w.:-]*$/.test(body)) {
        const ch = PREDEFINED[body];
        if (ch !== undefined) {
          out.push(ch, start + i, start + semi + 1);
        } else {
          errors.push({ message: `unknown entity '&${body};'`, span: { start: start + i, end: start + semi + 1 } });
          out.pushLiteral(raw.slice(i, semi + 1), start + i);
        }
        i = plainFrom = semi + 1;
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
        i = plainFrom = semi + 1;
        continue;
      }
      errors.push({ message: "'&' must start an entity or character reference (write '&amp;')", span: { start: start + i, end: start + i + 1 } });
      out.push('&', start + i, start + i + 1);
      i = plainFrom = i + 1;
      continue;
    }
    if (c === 0x0d) {
      // "\r\n" and a lone "\r" are one line end.
      const len = raw[i + 1] === '\n' ? 2 : 1;
      out.push(inAttribute ? ' ' : '\n', start + i, start + i + len);
      i = plainFrom = i + len;
      continue;
    }
    // inAttribute: a literal newline or tab.
    out.push(' ', start + i, start + i + 1);
    i = plainFrom = i + 1;
  }
  if (n > plainFrom) out.pushLiteral(plainFrom === 0 ? raw : raw.slice(plainFrom), start + plainFrom);
}

/** Characters decodeXmlInto does not copy as they are. */
const NEEDS_DECODING_TEXT = /[&\r]/;
const NEEDS_DECODING_ATTR = /[&\r\n\t]/;

/** Characters a reference body ('amp', '#x2C') can hold. */
const REF_BODY_CHAR = /[\w.:#-]/;

/** Decodes `raw` (at document offset `start`) into a MappedString. */
export function decodeXml(raw: string, start: number, inAttribute: boolean, errors: XmlError[] = []): MappedString {
  // Most values are written plainly: the value is the source text.
  if (!(inAttribute ? NEEDS_DECODING_ATTR : NEEDS_DECODING_TEXT).test(raw)) return literal(raw, start);
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

/** Where an unterminated attribute value is taken to stop (searched from lastIndex). */
const VALUE_STOP = /[<>\r\n]/g;

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
      VALUE_STOP.lastIndex = q + 1;
      const stop = VALUE_STOP.exec(b.text);
      const vEnd = stop ? stop.index : b.text.length;
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

/** Appends an attribute to its element's list, reporting a duplicate name. */
function addAttribute(attributes: XmlAttribute[], attr: XmlAttribute, errors: XmlError[]): void {
  if (attributes.some((x) => x.name === attr.name)) {
    errors.push({ message: `duplicate attribute '${attr.name}'`, span: attr.nameSpan });
  }
  attributes.push(attr);
}

/**
 * An element's prefix, local name and namespace, and the namespace scope for
 * its descendants (its own xmlns declarations added to `scope`). Reports an
 * undeclared prefix.
 */
function resolveNames(
  name: string,
  nameSpan: Span,
  attributes: readonly XmlAttribute[],
  scope: ReadonlyMap<string, string>,
  errors: XmlError[],
): { prefix?: string; local: string; namespace?: string; ns: ReadonlyMap<string, string> } {
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
    errors.push({ message: `namespace prefix '${prefix}' is not declared`, span: { start: nameSpan.start, end: nameSpan.start + prefix.length } });
  }
  return { prefix, local, namespace, ns };
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
    if (attr) addAttribute(attributes, attr, b.errors);
  }
  const { prefix, local, namespace, ns } = resolveNames(name, nameSpan, attributes, scope, b.errors);

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
 *
 * Well-formed documents in the plain subset domain XML is written in take
 * the direct reader (parseXmlFast); everything else (syntax errors, DOCTYPE,
 * processing instructions, non-ASCII names) goes through @xml-tools/parser
 * and its error recovery. Both give the same result on the documents the
 * direct reader accepts (test/unit/xml/fast-parse.test.ts compares them).
 */
export function parseXmlDocument(text: string): XmlDocument {
  return parseXmlFast(text) ?? parseXmlDocumentCst(text);
}

/**
 * parseXmlDocument through @xml-tools/parser's CST, whatever the input: the
 * general path, and the reference the direct reader is checked against.
 */
export function parseXmlDocumentCst(text: string): XmlDocument {
  try {
    return readCst(text);
  } catch (e) {
    // @xml-tools/parser and our CST walk recurse once per element level: a
    // document that nests elements thousands deep exhausts the stack (the
    // direct reader takes any depth, but only for well-formed documents).
    const deep = e instanceof RangeError;
    return {
      errors: [
        {
          message: deep
            ? 'the XML nests elements too deeply to be read with its syntax errors (fix the errors, or flatten the nesting)'
            : `XML parser failure: ${e instanceof Error ? e.message : String(e)}`,
          span: { start: 0, end: 0 },
          fatal: true,
        },
      ],
    };
  }
}

function readCst(text: string): XmlDocument {
  const b: Builder = { text, errors: [], recovered: [] };
  const result: ReturnType<typeof ParseCst> = xmlParser()(text);
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
// Direct reader
//
// @xml-tools/parser lexes, parses and recovers in general; on a 2 MB domain
// it costs most of the analysis, and turning its CST into our tree as much
// again. parseXmlFast reads the plain subset of XML directly into the tree,
// in one pass, with no recursion. It accepts a document only when it can
// tell that @xml-tools/parser would report no lexing or parsing error on it
// and build the same tree: an optional XML declaration at offset 0,
// comments, whitespace, elements with ASCII names and quoted attribute
// values, character data, references as the lexer reads them, and CDATA.
// Anything else (a syntax error, DOCTYPE, a processing instruction, a
// non-ASCII name) makes it give up (undefined) and the CST path reads the
// document. It takes any nesting depth (the CST path, which recurses, runs
// out of stack at about a thousand levels). Errors our own tree building
// reports (unknown entity, bad character reference, duplicate attribute,
// undeclared prefix, mismatched end tag name) come from the same code on
// both paths, in the same order.

/** [A-Za-z_:], the ASCII part of the lexer's NameStartChar. */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

/** [A-Za-z0-9_:.-], the ASCII part of the lexer's NameChar. */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

/** [ \t\r\n]: what the lexer skips inside tags. */
function isTagSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** An element whose end tag has not been read yet. */
interface OpenElement extends Pick<XmlElement, 'name' | 'prefix' | 'local' | 'namespace' | 'nameSpan' | 'startTagSpan'> {
  readonly attributes: XmlAttribute[];
  readonly ns: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /**
   * The element's character data. Most elements have one plain piece (a
   * leaf's value) or none: that is kept as [textStart, textEnd) and becomes
   * a literal value; a builder is made only for a second piece or a piece
   * with references or carriage returns.
   */
  textStart: number;
  textEnd: number;
  text: MappedBuilder | undefined;
}

/**
 * The tree and errors of a document in the subset described above, or
 * undefined when the document is outside it. Never throws.
 */
export function parseXmlFast(t: string): XmlDocument | undefined {
  const n = t.length;
  const errors: XmlError[] = [];

  // Next '<' and '&' at or after a position. Positions only move forward, so
  // each is searched for once per occurrence (n when there is none left).
  let lt = -1;
  let amp = -1;
  let cr = -1;
  const nextLt = (p: number): number => {
    if (lt < p) {
      lt = t.indexOf('<', p);
      if (lt < 0) lt = n;
    }
    return lt;
  };
  const nextAmp = (p: number): number => {
    if (amp < p) {
      amp = t.indexOf('&', p);
      if (amp < 0) amp = n;
    }
    return amp;
  };
  const nextCr = (p: number): number => {
    if (cr < p) {
      cr = t.indexOf('\r', p);
      if (cr < 0) cr = n;
    }
    return cr;
  };

  /** Character data [s, e) of `el`: copied as it is (`plain`) or decoded. */
  const addText = (el: OpenElement, s: number, e: number, plain: boolean): void => {
    if (s >= e) return;
    if (plain && el.text === undefined && el.textStart < 0) {
      el.textStart = s;
      el.textEnd = e;
      return;
    }
    if (el.text === undefined) {
      el.text = new MappedBuilder(el.startTagSpan.end);
      if (el.textStart >= 0) el.text.pushLiteral(t.slice(el.textStart, el.textEnd), el.textStart);
    }
    if (plain) el.text.pushLiteral(t.slice(s, e), s);
    else decodeXmlInto(el.text, t.slice(s, e), s, false, errors);
  };
  /** The character data of `el` as one value (what a MappedBuilder fed the same pieces gives). */
  const textOf = (el: OpenElement): MappedString => {
    if (el.text !== undefined) return el.text.build();
    if (el.textStart >= 0) return literal(t.slice(el.textStart, el.textEnd), el.textStart);
    return literal('', el.startTagSpan.end);
  };

  const skipTagSpace = (p: number): number => {
    while (p < n && isTagSpace(t.charCodeAt(p))) p++;
    return p;
  };

  /**
   * End of the ASCII name at p (p when there is none), or -1 when a
   * non-ASCII character follows it (it could continue the lexer's Name).
   */
  const nameEnd = (p: number): number => {
    if (p >= n || !isNameStart(t.charCodeAt(p))) return p;
    let q = p + 1;
    while (q < n && isNameChar(t.charCodeAt(q))) q++;
    return q < n && t.charCodeAt(q) >= 0x80 ? -1 : q;
  };

  /**
   * End of the comment (`<!--`) or CDATA section (`<![CDATA[`) at p, or -1
   * when the lexer would not read it as one token: its pattern stops at the
   * first terminator and takes '.' (no \r, \u2028, \u2029) or "\r?\n".
   */
  const sectionEnd = (p: number, openLen: number, close: string): number => {
    const e = t.indexOf(close, p + openLen);
    if (e < 0) return -1;
    for (let q = p + openLen; q < e; q++) {
      const c = t.charCodeAt(q);
      if (c === 0x2028 || c === 0x2029 || (c === 0x0d && t.charCodeAt(q + 1) !== 0x0a)) return -1;
    }
    return e + close.length;
  };

  /** Whitespace (the lexer's SEA_WS) and comments outside the root element; -1 on anything the lexer reads otherwise. */
  const skipMisc = (p: number): number => {
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 0x20 || c === 0x09 || c === 0x0a) p++;
      else if (c === 0x0d) {
        if (t.charCodeAt(p + 1) !== 0x0a) return -1;
        p += 2;
      } else if (c === 0x3c && t.startsWith('<!--', p)) {
        p = sectionEnd(p, 4, '-->');
        if (p < 0) return -1;
      } else return p;
    }
  };

  /** Whether the '&' at p starts a reference token: EntityRef `&Name;` (ASCII names here), CharRef `&#\d+;` or `&#x` + one hex digit. */
  const isReference = (p: number): boolean => {
    const c = t.charCodeAt(p + 1);
    if (isNameStart(c)) {
      let q = p + 2;
      while (q < n && isNameChar(t.charCodeAt(q))) q++;
      return t.charCodeAt(q) === 0x3b;
    }
    if (c !== 0x23) return false;
    const d = t.charCodeAt(p + 2);
    if (isDigit(d)) {
      let q = p + 3;
      while (q < n && isDigit(t.charCodeAt(q))) q++;
      return t.charCodeAt(q) === 0x3b;
    }
    return d === 0x78 && isHexDigit(t.charCodeAt(p + 3));
  };

  /** Set by readAttributes: the start tag it read ended with '/>'. */
  let selfClosed = false;
  /**
   * Attributes from p to the end of the tag ('>' or '/>'; '?>' for the XML
   * declaration, `decl`): the offset after the tag, or -1. Each attribute
   * goes to `onAttribute`.
   */
  const readAttributes = (p: number, onAttribute: (a: XmlAttribute) => void, decl: boolean): number => {
    for (;;) {
      p = skipTagSpace(p);
      const c = t.charCodeAt(p);
      if (decl) {
        if (c === 0x3f) return t.charCodeAt(p + 1) === 0x3e ? p + 2 : -1;
      } else if (c === 0x3e) {
        selfClosed = false;
        return p + 1;
      } else if (c === 0x2f) {
        selfClosed = true;
        return t.charCodeAt(p + 1) === 0x3e ? p + 2 : -1;
      }
      const ne = nameEnd(p);
      if (ne <= p) return -1;
      const name = t.slice(p, ne);
      let q = skipTagSpace(ne);
      if (t.charCodeAt(q) !== 0x3d) return -1;
      q = skipTagSpace(q + 1);
      const quote = t.charCodeAt(q);
      if (quote !== 0x22 && quote !== 0x27) return -1;
      // The lexer's STRING: no '<' before the closing quote.
      const closeQuote = t.indexOf(quote === 0x22 ? '"' : "'", q + 1);
      if (closeQuote < 0 || nextLt(q + 1) < closeQuote) return -1;
      const { prefix, local } = splitName(name);
      const valueSpan = { start: q + 1, end: closeQuote };
      const value = decodeXml(t.slice(q + 1, closeQuote), q + 1, true, errors);
      onAttribute({ name, prefix, local, nameSpan: { start: p, end: ne }, value, valueSpan, span: { start: p, end: closeQuote + 1 } });
      p = closeQuote + 1;
    }
  };

  // --- prolog: the XML declaration (only at offset 0), then comments and whitespace.
  let p = 0;
  if (t.startsWith('<?xml', 0) && isTagSpace(t.charCodeAt(5))) {
    p = readAttributes(6, () => undefined, true);
    if (p < 0) return undefined;
  }
  p = skipMisc(p);
  if (p < 0 || t.charCodeAt(p) !== 0x3c) return undefined;

  const stack: OpenElement[] = [];
  let root: XmlElement | undefined;
  /** Hands a finished element to its parent (or makes it the root). */
  const attach = (el: XmlElement): void => {
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
  };

  /** The start tag at k ('<'): opens an element (or closes a self-closing one). False when outside the subset. */
  const startTag = (k: number): boolean => {
    const ns0 = skipTagSpace(k + 1);
    const ne = nameEnd(ns0);
    if (ne <= ns0) return false;
    const name = t.slice(ns0, ne);
    const nameSpan = { start: ns0, end: ne };
    const attributes: XmlAttribute[] = [];
    const startTagEnd = readAttributes(ne, (a) => addAttribute(attributes, a, errors), false);
    if (startTagEnd < 0) return false;
    const selfClosing = selfClosed;
    const scope = stack.length ? stack[stack.length - 1].ns : new Map<string, string>();
    const { prefix, local, namespace, ns } = resolveNames(name, nameSpan, attributes, scope, errors);
    const startTagSpan = { start: k, end: startTagEnd };
    p = startTagEnd;
    if (selfClosing) {
      attach({
        name,
        prefix,
        local,
        namespace,
        nameSpan,
        startTagSpan,
        span: { start: k, end: startTagEnd },
        endTagSpan: undefined,
        selfClosing,
        attributes,
        children: [],
        text: literal('', startTagEnd),
      });
      return true;
    }
    stack.push({ name, prefix, local, namespace, nameSpan, startTagSpan, attributes, ns, children: [], textStart: -1, textEnd: -1, text: undefined });
    return true;
  };

  if (!startTag(p)) return undefined;
  // --- content, until the root element is closed.
  while (stack.length) {
    const top = stack[stack.length - 1];
    const k = nextLt(p);
    if (k >= n) return undefined;
    if (k > p) {
      // Character data: every '&' must start a reference token.
      const a0 = nextAmp(p);
      for (let a = a0; a < k; a = nextAmp(a + 1)) if (!isReference(a)) return undefined;
      addText(top, p, k, a0 >= k && nextCr(p) >= k);
    }
    const c = t.charCodeAt(k + 1);
    if (c === 0x2f) {
      // End tag: closes the innermost element whatever its name (as the parser does).
      const ns0 = skipTagSpace(k + 2);
      const ne = nameEnd(ns0);
      if (ne <= ns0) return undefined;
      const gt = skipTagSpace(ne);
      if (t.charCodeAt(gt) !== 0x3e) return undefined;
      p = gt + 1;
      const endName = t.slice(ns0, ne);
      if (endName !== top.name) {
        errors.push({ message: `end tag </${endName}> does not match start tag <${top.name}>`, span: { start: ns0, end: ne } });
      }
      stack.pop();
      attach({
        name: top.name,
        prefix: top.prefix,
        local: top.local,
        namespace: top.namespace,
        nameSpan: top.nameSpan,
        startTagSpan: top.startTagSpan,
        span: { start: top.startTagSpan.start, end: p },
        endTagSpan: { start: k, end: p },
        selfClosing: false,
        attributes: top.attributes,
        children: top.children,
        text: textOf(top),
      });
    } else if (c === 0x21) {
      if (t.startsWith('<!--', k)) {
        p = sectionEnd(k, 4, '-->');
      } else if (t.startsWith('<![CDATA[', k)) {
        p = sectionEnd(k, 9, ']]>');
        // CDATA content is literal.
        if (p >= 0) addText(top, k + 9, p - 3, true);
      } else return undefined;
      if (p < 0) return undefined;
    } else if (c === 0x3f) {
      return undefined;
    } else if (!startTag(k)) {
      return undefined;
    }
  }
  // --- after the root: only comments and whitespace.
  if (skipMisc(p) !== n) return undefined;
  errors.sort((x, y) => x.span.start - y.span.start);
  return { root, errors };
}

// ---------------------------------------------------------------------------
// Tree helpers

export function getAttribute(el: XmlElement, name: string): XmlAttribute | undefined {
  for (const a of el.attributes) if (a.name === name) return a;
  return undefined;
}

/** Child elements with local name `local` (and, when given, namespace `ns`; by default: no prefix). */
export function childElements(el: XmlElement, local: string, ns?: string): XmlElement[] {
  return el.children.filter((c) => c.local === local && (ns === undefined ? c.prefix === undefined : c.namespace === ns));
}

export function firstChild(el: XmlElement | undefined, local: string, ns?: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) {
    if (c.local === local && (ns === undefined ? c.prefix === undefined : c.namespace === ns)) return c;
  }
  return undefined;
}
