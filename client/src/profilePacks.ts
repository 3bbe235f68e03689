// The packs of a profile text (name, layer, tag, values) for views and pickers that need nothing more than the listing.
import { parse } from 'yaml';

export interface PackRow {
  name: string;
  layer?: string;
  tag?: string;
  /** The pack's values string ('' when it has none or they are not a string). */
  values: string;
}

/** Named packs in order; a text that is not a profile has none. Throws on YAML that does not parse. */
export function profilePacks(text: string): PackRow[] {
  const profile = parse(text, { maxAliasCount: 100 }) as { spec?: { template?: { packs?: unknown } } } | null;
  const packs = profile?.spec?.template?.packs;
  if (!Array.isArray(packs)) return [];
  const scalar = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return packs
    .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object' && typeof (p as { name?: unknown }).name === 'string')
    .map((p) => ({ name: String(p.name), layer: typeof p.layer === 'string' ? p.layer : undefined, tag: scalar(p.tag), values: typeof p.values === 'string' ? p.values : '' }));
}
