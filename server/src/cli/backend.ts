// The backend the CLI's publish and apply act on: the local store folder (`--store DIR`, default .palette) or Palette's API (`--api URL`, journaling applies in `--history DIR`).
import { resolve } from 'node:path';
import { confineStorePath, LocalStoreBackend } from '../backend/local';
import { PaletteApiBackend } from '../backend/palette';
import { checkEndpoint } from '../backend/palette/endpoint';
import { BackendError, type Backend } from '../backend/types';
import { UsageError, type CliArgs } from './args';

export const defaultStore = '.palette';

export interface CliBackend {
  backend: Backend;
  /** The store folder as the user named it (for messages and report locations); undefined for the API. */
  store?: string;
}

export function createBackend(args: CliArgs, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): CliBackend {
  const api = args.options.get('--api');
  if (api !== undefined) {
    if (args.options.has('--store')) throw new UsageError('use either --store or --api, not both');
    let url: URL;
    try {
      url = new URL(api);
    } catch {
      throw new UsageError(`--api needs a URL such as https://api.spectrocloud.com, not '${api}'`);
    }
    const allowInsecureHttp = args.flags.has('--allow-insecure-http');
    try {
      checkEndpoint(url.href, allowInsecureHttp);
    } catch (error) {
      throw error instanceof BackendError ? new UsageError(error.message) : error;
    }
    // The key comes only from the environment so that it never lands in shell history or CI logs.
    const apiKey = env.PALETTE_API_KEY;
    if (!apiKey) throw new UsageError('--api needs the API key in the PALETTE_API_KEY environment variable');
    const projectUid = args.options.get('--project') ?? env.PALETTE_PROJECT_UID;
    const log = env.PALETTE_LOG ? (line: string) => process.stderr.write(`palette-profile: ${line}\n`) : undefined;
    // Palette's API keeps no apply history; only a folder the user names gets one (a CI job has nowhere sensible to default to).
    const history = args.options.get('--history');
    const historyDir = history === undefined ? undefined : resolve(cwd, history);
    return { backend: new PaletteApiBackend({ baseUrl: url.origin + url.pathname.replace(/\/+$/, ''), apiKey, projectUid: projectUid || undefined, log, historyDir, allowInsecureHttp }) };
  }
  if (args.options.has('--history')) throw new UsageError('--history is for --api; the local store keeps its own history');
  if (args.flags.has('--allow-insecure-http')) throw new UsageError('--allow-insecure-http is for --api');
  const store = args.options.get('--store') ?? defaultStore;
  // Warnings (a version stored before digests) are shown; the per-call log only with PALETTE_LOG.
  const log = (line: string) => (line.startsWith('warning: ') || env.PALETTE_LOG) && process.stderr.write(`palette-profile: ${line}\n`);
  return { backend: new LocalStoreBackend(confineStorePath(store, { workspace: cwd, explicit: true }), log), store };
}
