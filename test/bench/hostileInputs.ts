// Hostile inputs shared by the unit tests, the LSP test and `npm run bench:hostile`: each small to describe, costly to a naive parser.

export interface HostileInput {
  name: string;
  /** The file name it is checked as (its kind follows from the name, and pack files need a pack.json beside). */
  file: string;
  text: string;
  /** For the encoding case: the file's bytes, which are not UTF-8. */
  bytes?: Uint8Array;
  /** A part of the message the CLI must report, or undefined when the file is clean. */
  expect?: RegExp;
}

const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map((line) => (line ? ' '.repeat(spaces) + line : line))
    .join('\n');

/** An Edge profile whose OS pack holds `values` (one YAML document). */
export function edgeProfile(values: string, name = 'hostile'): string {
  return `metadata:
  name: ${name}
spec:
  version: 1.0.0
  template:
    cloudType: edge-native
    type: cluster
    packs:
      - name: edge-native-byoi
        type: spectro
        layer: os
        tag: 2.1.0
        values: |-
${indent(values, 10)}
`;
}

/** 160 KB of `{{` where the schema expects a macro: a backtracking `{{…}}` pattern took 18 s on it. */
export function macroFlood(): HostileInput {
  return { name: '160 KB of {{ in options.system.uri', file: 'macro.profile.yaml', text: edgeProfile(`options:\n  system.uri: "${'{{'.repeat(80_000)}"`) };
}

/** A pack's values.yaml with `keys` keys of about 80 bytes each (60,000: 4.8 MB, under the 5 MiB limit). */
export function wideMap(keys = 60_000): HostileInput {
  const lines: string[] = [];
  for (let i = 0; i < keys; i++) lines.push(`key${String(i).padStart(6, '0')}: "value number ${String(i).padStart(6, '0')} of a wide map, padded out to about eighty bytes.."`);
  return { name: `${keys.toLocaleString('en')}-key map`, file: 'values.yaml', text: lines.join('\n') + '\n' };
}

/** Flow sequences nested `levels` deep, in a pack's values.yaml. */
export function deepFlow(levels = 50_000): HostileInput {
  return { name: `${levels.toLocaleString('en')} nested [ in values.yaml`, file: 'values.yaml', text: `a: ${'['.repeat(levels)}${']'.repeat(levels)}\n`, expect: /Nested too deeply/ };
}

/** Block sequences nested `levels` deep on one line (`- - - x`), inside a profile's pack values. */
export function deepBlock(levels = 50_000): HostileInput {
  return { name: `${levels.toLocaleString('en')} nested "- " in a profile's values`, file: 'deep.profile.yaml', text: edgeProfile(`stages:\n  boot:\n  ${'- '.repeat(levels)}x`), expect: /Nested too deeply/ };
}

/** Flow maps nested `levels` deep in the profile itself. */
export function deepOuter(levels = 50_000): HostileInput {
  return { name: `${levels.toLocaleString('en')} nested { in the profile`, file: 'outer.profile.yaml', text: `metadata: ${'{a: '.repeat(levels)}1${'}'.repeat(levels)}\n`, expect: /Nested too deeply/ };
}

/** A profile whose name holds a Latin-1 byte (0xE9), not UTF-8. */
export function latin1(): HostileInput {
  const head = 'metadata:\n  name: caf';
  const tail = '\nspec:\n  version: 1.0.0\n';
  const bytes = new Uint8Array([...Buffer.from(head), 0xe9, ...Buffer.from(tail)]);
  return { name: 'a Latin-1 byte in a profile', file: 'latin1.profile.yaml', text: Buffer.from(bytes).toString('utf8'), bytes, expect: /not valid UTF-8/ };
}

export function hostileInputs(): HostileInput[] {
  return [macroFlood(), wideMap(), deepFlow(), deepBlock(), deepOuter(), latin1()];
}
