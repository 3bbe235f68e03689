// Reads a cluster record (the local store's clusters/<name>.yaml) into typed fields with problems.
import { isMap } from 'yaml';
import { safeParseDocument } from '../parse/safeParse';
import type { Problem } from '../types';
import { docProblems } from '../parse/yamlProblems';

export interface ClusterFile {
  name: string;
  cloudType?: string;
  kubernetesDistribution?: string;
  status?: string;
  tags: string[];
  profile?: { name: string; version: string };
  /** Pack name → that pack's values as this cluster has them. */
  overrides: Record<string, string>;
  variables: Record<string, string>;
  repave?: { approved?: boolean; [key: string]: unknown };
  /** Everything else the record holds, kept so a rewrite loses nothing. */
  extra: Record<string, unknown>;
}

export interface ClusterParse {
  cluster?: ClusterFile;
  problems: Problem[];
}

const known = new Set(['name', 'cloudType', 'kubernetesDistribution', 'status', 'tags', 'profile', 'overrides', 'variables', 'repave']);

function problem(message: string): Problem {
  return { start: 0, end: 0, severity: 'error', code: 'cluster-record', message };
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = typeof v === 'string' ? v : String(v);
  }
  return out;
}

export function parseClusterRecord(text: string): ClusterParse {
  const doc = safeParseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problems = docProblems(doc, 'yaml-syntax');
  if (problems.some((p) => p.severity === 'error')) return { problems };
  if (!isMap(doc.contents)) return { problems: [problem('A cluster record must be a mapping with at least a name.')] };
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    return { problems: [problem(`The cluster record could not be read: ${(error as Error).message.split('\n')[0]}`)] };
  }
  if (typeof data.name !== 'string' || !data.name) return { problems: [problem('The cluster record has no name.')] };
  const profile = data.profile as { name?: unknown; version?: unknown } | undefined;
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (!known.has(k)) extra[k] = v;
  const overrides: Record<string, string> = {};
  for (const [pack, values] of Object.entries((data.overrides as Record<string, unknown>) ?? {})) {
    if (typeof values === 'string') overrides[pack] = values;
    else problems.push(problem(`overrides.${pack} must be the pack's values as a YAML string (use '|').`));
  }
  return {
    cluster: {
      name: data.name,
      cloudType: typeof data.cloudType === 'string' ? data.cloudType : undefined,
      kubernetesDistribution: typeof data.kubernetesDistribution === 'string' ? data.kubernetesDistribution : undefined,
      status: typeof data.status === 'string' ? data.status : undefined,
      tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
      profile: profile && typeof profile.name === 'string' ? { name: profile.name, version: String(profile.version ?? '') } : undefined,
      overrides,
      variables: stringMap(data.variables),
      repave: data.repave && typeof data.repave === 'object' ? (data.repave as ClusterFile['repave']) : undefined,
      extra,
    },
    problems,
  };
}
