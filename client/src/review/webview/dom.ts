// DOM helpers for the review webview: elements built from text nodes only, so document text never becomes markup.
import type { Certainty, Impact } from '../../../../server/src/core/plan/model';

type Child = Node | string | undefined;

/** `attrs` values are set with setAttribute and children appended as text nodes: nothing is parsed as HTML. */
export function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child !== undefined) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

export function section(title: string, key: string, ...body: Node[]): HTMLElement {
  return el('section', { class: `part ${key}`, 'aria-labelledby': `h-${key}` }, el('h2', { id: `h-${key}` }, title), ...body);
}

export const impactOrderDesc: readonly Impact[] = ['repave', 'reboot', 'service-restart', 'redeploy', 'config-reload', 'no-op'];

export const impactNames: Readonly<Record<Impact, string>> = {
  repave: '⟳ repave',
  reboot: '↻ reboot',
  'service-restart': '⚙ service restart',
  redeploy: '⇪ redeploy',
  'config-reload': '↺ reload',
  'no-op': '∅ no-op',
};

export function impactBadge(impact: Impact, certainty?: Certainty): HTMLElement {
  const possible = certainty === 'possible';
  return el('span', { class: `badge impact-${impact}${possible ? ' possible' : ''}`, title: possible ? 'possible (not a documented rule)' : 'documented' }, impactNames[impact] + (possible ? '?' : ''));
}

export function shorten(value: string | undefined): string {
  if (value === undefined) return 'unset';
  return value.length > 120 ? value.slice(0, 119) + '…' : value;
}
