// The sentence a reviewer acts on: who applies or publishes what, what it does to the nodes, and the change that decides it.
import { impactRank, type Certainty, type ClusterKind, type Impact, type ImpactedChange } from '../plan/model';

export interface HeadlineInput {
  profile: string;
  fromVersion?: string;
  toVersion?: string;
  cluster?: string;
  kind: ClusterKind;
  impact: Impact;
  certainty: Certainty;
  changes: readonly ImpactedChange[];
}

const servicesOf: Record<string, string> = { k8s: 'the Kubernetes services', cni: 'the networking services', csi: 'the storage services' };

/** What the impact does, in the words of Palette's upgrade-behavior tables, for the change that decides it. */
function effect(impact: Impact, top: ImpactedChange | undefined, kind: ClusterKind, packs: string[]): string {
  switch (impact) {
    case 'repave':
      // Non-Edge: Palette repaves only the control plane for control-plane configuration (node-pool.md).
      return top?.rule === 'k8s-control-plane' ? 'repave the control-plane nodes' : 'repave all nodes, control plane first';
    case 'reboot':
      return kind.edge ? 'reboot every node' : 'reboot the nodes';
    case 'service-restart':
      return `restart ${servicesOf[top?.layer ?? ''] ?? 'services'} on the nodes`;
    case 'config-reload':
      return 'reload the node configuration without a reboot';
    case 'redeploy':
      return `re-apply ${packs.length === 1 ? `the add-on ${packs[0]}` : `the add-ons ${list(packs)}`}; nodes are not touched`;
    case 'no-op':
      return 'change nothing on the nodes';
  }
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Rule reasons are written as sentences; inside "because …" they read better without a leading "Full cluster repave:" and capital. */
function clause(reason: string): string {
  const text = reason.replace(/^[A-Z][\w -]*repave: /, '').replace(/\.$/, '');
  const first = /^[A-Z][a-z]+\b/.exec(text)?.[0];
  const proper = new Set(['Kubernetes', 'Palette', 'Edge', 'Kairos', 'Calico', 'Longhorn']);
  return first && !proper.has(first) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** The first change at the plan's impact, a documented one when there is one: the one the sentence names. */
export function decidingChange(changes: readonly ImpactedChange[], impact: Impact): ImpactedChange | undefined {
  const top = changes.filter((c) => c.impact === impact);
  return top.find((c) => c.certainty === 'documented') ?? top[0];
}

export function headline(h: HeadlineInput): string {
  const subject = h.cluster
    ? `Applying ${h.toVersion ? `${h.toVersion} ` : ''}to ${h.cluster}`
    : `Publishing ${h.toVersion ? `${h.toVersion} of ` : ''}${h.profile || 'the profile'}${h.fromVersion && h.fromVersion !== h.toVersion ? ` (from ${h.fromVersion})` : ''}`;
  if (h.impact === 'no-op') {
    const note = h.changes.length === 0 ? '' : ` (${h.changes.length} change${h.changes.length === 1 ? '' : 's'}, none that reach the cluster)`;
    return `${subject} changes nothing on the nodes${note}`;
  }
  const top = decidingChange(h.changes, h.impact);
  const atTop = h.changes.filter((c) => c.impact === h.impact);
  const packs = [...new Set(atTop.map((c) => c.pack).filter(Boolean))];
  const verb = h.certainty === 'documented' ? 'will' : 'may';
  const others = atTop.length - 1;
  const more = others > 0 ? ` (and ${others} other change${others === 1 ? '' : 's'} that ${impactVerb(h.impact, others)})` : '';
  const because = top && h.impact !== 'redeploy' ? `, because ${clause(top.reason)}${more}` : more;
  return `${subject} ${verb} ${effect(h.impact, top, h.kind, packs)}${because}`;
}

function impactVerb(impact: Impact, n: number): string {
  const one: Record<Impact, string> = { repave: 'repaves', reboot: 'reboots', 'service-restart': 'restarts services', 'config-reload': 'reloads', redeploy: 'redeploys', 'no-op': 'changes nothing' };
  const many: Record<Impact, string> = { repave: 'repave', reboot: 'reboot', 'service-restart': 'restart services', 'config-reload': 'reload', redeploy: 'redeploy', 'no-op': 'change nothing' };
  return n === 1 ? one[impact] : many[impact];
}

/** Most disruptive first, for callers that list impacts. */
export function byImpact<T extends { impact: Impact }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => impactRank(b.impact) - impactRank(a.impact));
}
