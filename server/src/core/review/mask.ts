// Short display of values for the review, with secrets masked: password-like keys, `${password}` fields, sensitive variables, Secret data.
import type { SchemaConstraint } from '../parse/packFiles';
import type { ProfileModel } from '../parse/profile';

export const masked = '••••••';

/** Where a value sits: enough to decide whether it is a secret. */
export interface ValueSite {
  pack: string;
  /** Keys from the pack's values root (or the profile, for pack ''), list selectors dropped. */
  keyPath: readonly string[];
  /** `Kind/namespace/name` when the value is inside a manifest object. */
  object?: string;
  /** Names of the named-list items on the way (`env[name=DB_PASSWORD]`), which keyPath leaves out. */
  itemNames?: readonly string[];
}

export interface MaskOptions {
  /** Per pack name, the constraints of its schema.yaml: values a `${password}` format covers are secrets. */
  constraints?: Readonly<Record<string, readonly SchemaConstraint[]>>;
}

/**
 * The last word of a key decides: `password`, `registryPassword`, `client_secret`, `bootstrapToken`,
 * `apiKey`, `secretKey`, `privateKey` are secrets; `key` alone (tolerations), `secretName`, `tokenTTL`
 * and `ssh_authorized_keys` are not.
 */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (!last) return false;
  if (['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'secretkey', 'privatekey', 'accesskey'].includes(last)) return true;
  const previous = words[words.length - 2];
  return last === 'key' && previous !== undefined && ['api', 'secret', 'private', 'access', 'encryption', 'signing'].includes(previous);
}

function looksTyped(text: string): boolean {
  return /^[ \t]|[ \t]$/.test(text) || /^(?:|~|null|true|false|yes|no|on|off|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|[-+]?\.inf|\.nan)$/i.test(text);
}

const placeholder = /\$\{\s*password\s*\}/i;

export class Masker {
  private readonly sensitiveVariables = new Set<string>();

  constructor(
    profiles: readonly ProfileModel[],
    private readonly options: MaskOptions = {},
  ) {
    for (const profile of profiles) {
      for (const v of profile.variables) if (v.name && v.isSensitive?.value === 'true') this.sensitiveVariables.add(v.name.value);
    }
  }

  isSecret(site: ValueSite): boolean {
    const keys = site.keyPath;
    // A sensitive variable's default value; its other fields (name, description) stay readable.
    if (site.pack === '') return keys.length === 3 && keys[0] === 'variables' && keys[2] === 'defaultValue' && this.sensitiveVariables.has(keys[1]);
    // Inside a manifest object the first two keys are `manifests` and the manifest's name, not fields.
    const fields = site.object ? keys.slice(2) : keys;
    if (fields.some(isSecretKey)) return true;
    // `env: [{name: DB_PASSWORD, value: ...}]`: the item's name says what its value is.
    if (site.itemNames?.some(isSecretKey) && fields[fields.length - 1] === 'value') return true;
    if (site.object && /^Secret\//.test(site.object) && (fields[0] === 'data' || fields[0] === 'stringData')) return true;
    const constraints = this.options.constraints?.[site.pack];
    // Keys drop list selectors, so `$[]` in the schema path is dropped too.
    const path = keys.join('.');
    return !site.object && !!constraints && constraints.some((c) => !!c.template?.format?.parts.some((p) => p.type === 'password') && c.path.split('.$[]').join('') === path);
  }

  /** The value as one short line, or `••••••` for a secret; objects are masked key by key. */
  display(value: unknown, site: ValueSite, width = 160): string | undefined {
    if (value === undefined) return undefined;
    if (this.isSecret(site) || (typeof value === 'string' && placeholder.test(value))) return masked;
    // A string that would read as another type is quoted, so `"0" → 0` does not show as `0 → 0`.
    const text = typeof value === 'string' ? (looksTyped(value) ? JSON.stringify(value) : value) : (JSON.stringify(this.deepMask(value, site)) ?? String(value));
    const line = text.replace(/\s*\n\s*/g, ' ⏎ ');
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  }

  private deepMask(value: unknown, site: ValueSite): unknown {
    if (Array.isArray(value)) return value.map((v) => this.deepMask(v, site));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    const name = (value as { name?: unknown }).name;
    const itemNames = typeof name === 'string' ? [...(site.itemNames ?? []), name] : site.itemNames;
    for (const [key, v] of Object.entries(value)) {
      const inner: ValueSite = { ...site, itemNames, keyPath: [...site.keyPath, ...(site.pack === '' ? [key] : key.split('.'))] };
      out[key] = this.isSecret(inner) || (typeof v === 'string' && placeholder.test(v)) ? masked : this.deepMask(v, inner);
    }
    return out;
  }
}
