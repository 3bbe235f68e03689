// Renders new values as YAML fragments to splice into existing text, in the style of the node they replace.
import { Document, isCollection, isScalar, type Node } from 'yaml';

/**
 * Fragments are rendered as YAML 1.1 so strings such as `yes`, `on` or `0644` come out quoted: Palette
 * reads values with a YAML 1.1 parser, where those plain spellings are booleans and octal numbers.
 */
const renderOptions = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

export interface Fragment {
  /** What goes on the line of the key or dash; undefined when the value must start on the next line. */
  inline?: string;
  /** Following lines, relative to the indentation of the value's children. */
  lines: string[];
}

/** Keeps the look of the node being replaced: its quoting, block-scalar style, or flow style. */
function nodeFor(doc: Document, value: unknown, like: Node | null | undefined): Node {
  const node = doc.createNode(value) as Node;
  if (isScalar(node) && isScalar(like) && typeof node.value === 'string' && typeof like.value === 'string' && like.type) {
    const multiline = node.value.includes('\n');
    const block = like.type === 'BLOCK_LITERAL' || like.type === 'BLOCK_FOLDED';
    if (multiline === block || like.type === 'QUOTE_DOUBLE') node.type = like.type;
  }
  if (isCollection(node) && isCollection(like) && like.flow) node.flow = true;
  return node;
}

function render(root: unknown): string[] {
  const doc = new Document(root, { version: '1.1' });
  return doc.toString(renderOptions).replace(/\n$/, '').split('\n');
}

function split(first: string, prefix: string, rest: string[]): Fragment {
  const head = first.slice(prefix.length);
  const lines = rest.map((line) => line.replace(/^ {2}/, ''));
  return head.trim() === '' ? { lines } : { inline: head.replace(/^ /, ''), lines };
}

/** A flow style that would need several lines gives way to block style. */
function renderUnder(wrap: (node: Node) => unknown, prefix: string, value: unknown, like: Node | null | undefined): Fragment {
  const doc = new Document(null, { version: '1.1' });
  const node = nodeFor(doc, value, like);
  let lines = render(wrap(node));
  if (lines.length > 1 && isCollection(node) && node.flow) {
    node.flow = false;
    lines = render(wrap(node));
  }
  return split(lines[0], prefix, lines.slice(1));
}

/** The value of a mapping pair, rendered under a throwaway key. */
export function renderValue(value: unknown, like?: Node | null): Fragment {
  return renderUnder((node) => ({ x: node }), 'x:', value, like);
}

/** An item of a block sequence: what follows its dash, and the lines under it. */
export function renderItem(value: unknown, like?: Node | null): Fragment {
  return renderUnder((node) => [node], '-', value, like);
}

/** A whole new pair, each line relative to the key's column. */
export function renderPair(key: string, value: unknown): string[] {
  return render({ [key]: value });
}

/** A value on one line, for flow collections; undefined when it cannot be written on one line. */
export function renderFlow(value: unknown): string | undefined {
  const doc = new Document(null, { version: '1.1' });
  const node = doc.createNode(value) as Node;
  if (isCollection(node)) node.flow = true;
  const lines = render(node);
  return lines.length === 1 ? lines[0] : undefined;
}

/** A pair inside a flow mapping: `key: value`. */
export function renderFlowPair(key: string, value: unknown): string | undefined {
  return renderFlow({ [key]: value })?.slice(1, -1).trim();
}

/** A whole document, for replacing the root. */
export function renderDocument(value: unknown): string {
  return render(value).join('\n');
}
