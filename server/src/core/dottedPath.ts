// The dotted form of a YAML path, as hovers, reports and values trees print it.

/** Dotted form used everywhere in the product: `spec.template.packs[0].name`. */
export function dottedPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out;
}
