// Trims Ajv's error list to what a person should read: one error per failed anyOf/oneOf, no if/then or propertyNames echoes.
import type { ErrorObject } from 'ajv/dist/2020';

export interface Reduced {
  error: ErrorObject;
  /** For an anyOf/oneOf whose branches all failed at its own instance: the failed branches' errors. */
  alternatives?: ErrorObject[];
}

const combinators = new Set(['anyOf', 'oneOf']);

function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(parent + '/');
}

function depth(path: string): number {
  return path ? path.split('/').length : 0;
}

/**
 * Ajv pushes a combinator's branch errors just before the combinator's own error. Branches that
 * went through a $ref report a schemaPath of the referenced definition, so a branch error is
 * recognised by its position and instance path, and by a schemaPath under the combinator or in
 * another definition (not a sibling keyword of the same subschema).
 */
function branchErrors(errors: ErrorObject[], at: number, dropped: boolean[]): number[] {
  const combinator = errors[at];
  const prefix = combinator.schemaPath + '/';
  const out: number[] = [];
  for (let j = at - 1; j >= 0; j--) {
    const e = errors[j];
    if (!within(e.instancePath, combinator.instancePath)) break;
    const viaRef = e.schemaPath.startsWith('#/$defs/') || !e.schemaPath.startsWith('#');
    if (!e.schemaPath.startsWith(prefix) && !viaRef) break;
    if (!dropped[j]) out.push(j);
  }
  return out;
}

export function reduceErrors(errors: readonly ErrorObject[]): Reduced[] {
  const list = [...errors];
  const dropped = list.map((e) => e.keyword === 'if' || e.schemaPath.includes('/propertyNames/'));
  const alternatives = new Map<number, ErrorObject[]>();
  // Inner combinators come before outer ones in Ajv's list, so one forward pass settles nesting.
  list.forEach((e, i) => {
    if (!combinators.has(e.keyword) || (e.params as { passingSchemas?: unknown }).passingSchemas) return;
    const branches = branchErrors(list, i, dropped);
    if (branches.length === 0) return;
    const deepest = Math.max(...branches.map((j) => depth(list[j].instancePath)));
    if (deepest > depth(e.instancePath)) {
      // A branch that got further into the value is the one the author meant; report its errors.
      dropped[i] = true;
      for (const j of branches) if (depth(list[j].instancePath) < deepest) dropped[j] = true;
    } else {
      alternatives.set(i, branches.reverse().map((j) => list[j]));
      for (const j of branches) dropped[j] = true;
    }
  });
  const out: Reduced[] = [];
  const seen = new Set<string>();
  list.forEach((error, i) => {
    if (dropped[i]) return;
    // allErrors can report one failure twice through two paths of the schema; keep the first.
    const key = `${error.instancePath}\u0000${error.keyword}\u0000${JSON.stringify(error.params)}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ error, alternatives: alternatives.get(i) });
  });
  return out;
}
