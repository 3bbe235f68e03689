// Compiles the product's JSON Schemas once, in one Ajv 2020 instance, and hands out their validators.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { re2RegExp } from './ajvRegExp';
import profileSchema from '../../../../schemas/profile.schema.json';
import packSchema from '../../../../schemas/pack.schema.json';
import constraintsSchema from '../../../../schemas/pack-constraints.schema.json';
import presetsSchema from '../../../../schemas/presets.schema.json';
import kairosSchema from '../../../../schemas/values/kairos-stages.schema.json';
import edgeOsSchema from '../../../../schemas/values/edge-os.schema.json';
import edgeK8sSchema from '../../../../schemas/values/edge-k8s.schema.json';

export type SchemaName = 'profile' | 'pack' | 'pack-constraints' | 'presets' | 'edge-os' | 'edge-k8s';

type Json = Record<string, unknown>;

const roots: Record<SchemaName | 'kairos-stages', Json> = {
  profile: profileSchema as Json,
  pack: packSchema as Json,
  'pack-constraints': constraintsSchema as Json,
  presets: presetsSchema as Json,
  'edge-os': edgeOsSchema as Json,
  'edge-k8s': edgeK8sSchema as Json,
  'kairos-stages': kairosSchema as Json,
};

/** Every schema document, for resolving an error's schemaPath back to the subschema it names. */
export const schemaRoots: readonly Json[] = Object.values(roots);

const kairosDefs = (kairosSchema as { $defs: Record<string, Json> }).$defs;

/** The subschema of Kairos stages, so "unknown key" under it can be worded as an unknown stage. */
export const kairosStagesSchema = kairosDefs.stages;

/** Kairos subschemas whose unknown keys Kairos ignores silently: a warning, not an error. */
export const kairosObjectSchemas: ReadonlyMap<Json, string> = new Map(
  (['stages', 'step', 'file', 'directory', 'download', 'user'] as const).map((name) => [kairosDefs[name], name === 'stages' ? 'stage' : name === 'step' ? 'step field' : `${name} field`]),
);

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

/**
 * Lazy, so a server that never opens a profile never pays for compiling. `verbose` keeps the
 * failing subschema on each error: messages read its description and property names.
 */
export function validatorFor(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (validate) return validate;
  if (!ajv) {
    // The schemas ship with the product and a unit test checks them against the meta-schema; doing so
    // on every start would compile the meta-schema too, the largest part of the cold start.
    // Unoptimized code compiles faster and checks a profile's few documents just as quickly.
    // Patterns run on RE2, in linear time: a value is user text, megabytes of it at worst.
    ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, validateSchema: false, code: { optimize: false, regExp: re2RegExp } });
    for (const schema of schemaRoots) ajv.addSchema(schema);
  }
  validate = ajv.getSchema(String(roots[name].$id));
  if (!validate) throw new Error(`schema ${name} did not compile`);
  compiled.set(name, validate);
  return validate;
}
