// The backend the CLI's publish and apply act on: the local store folder (`--store DIR`, default .palette); `--api` is wired here later.
import { resolve } from 'node:path';
import { LocalStoreBackend } from '../backend/local';
import type { Backend } from '../backend/types';
import { UsageError, type CliArgs } from './args';

export const defaultStore = '.palette';

export interface CliBackend {
  backend: Backend;
  /** The store folder as the user named it (for messages and report locations); undefined for the API. */
  store?: string;
}

export function createBackend(args: CliArgs, cwd = process.cwd()): CliBackend {
  if (args.options.has('--api')) throw new UsageError('--api is not supported yet; use --store DIR');
  const store = args.options.get('--store') ?? defaultStore;
  return { backend: new LocalStoreBackend(resolve(cwd, store)), store };
}
