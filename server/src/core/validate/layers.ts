// Profile rules about the layers themselves that JSON Schema cannot say: unique names per layer, values held in a string.
import type { ProfileModel } from '../parse/profile';
import type { Problem } from '../types';

export function layerProblems(model: ProfileModel): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  for (const pack of model.packs) {
    const name = pack.name?.type === 'string' ? pack.name.value : undefined;
    if (name) {
      // The same pack may sit in two layers (the reference allows it); twice in one layer it may not.
      const layer = pack.layer?.value ?? '';
      const key = `${name}\u0000${layer}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, pack.index);
      else {
        const where = layer ? `layer '${layer}'` : 'the same layer';
        problems.push({ ...pack.name!.span, severity: 'error', code: 'duplicate-pack', message: `Pack '${name}' appears twice in ${where} (first at spec.template.packs[${first}]); pack names are unique within a layer` });
      }
    }
    const values = pack.valuesField;
    if (values && values.type !== 'string' && values.type !== 'null') {
      const kind = values.type === 'map' ? 'a mapping' : values.type === 'seq' ? 'a list' : values.type === 'alias' ? 'an alias' : `a ${values.type}`;
      const span = values.type === 'map' || values.type === 'seq' ? values.keySpan ?? values.span : values.span;
      problems.push({ ...span, severity: 'error', code: 'values-not-string', message: `values must be a YAML document held in a string (values: |-), not ${kind}; indent the values under 'values: |-'` });
    }
  }
  return problems;
}
