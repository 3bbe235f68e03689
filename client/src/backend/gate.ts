// Workspace trust for backends: an untrusted workspace reads the local store but never writes it, and never calls Palette.
import { BackendError, type Backend } from '../../../server/src/backend/types';

/** The Backend methods that change something. */
export const writeMethods = ['publish', 'updateInPlace', 'updateMetadata', 'setOverride', 'apply'] as const;

export function untrustedError(what: string): BackendError {
  return new BackendError('refused', `${what} is turned off in an untrusted workspace: trust this workspace (Manage Workspace Trust) to publish, apply or call Palette.`);
}

/**
 * Wraps a backend so every write (and, for Palette, every call) first asks `trusted()`, at call time:
 * a grant of trust takes effect at once, and nothing that reaches the backend can skip the check.
 */
export function gateBackend(inner: Backend, trusted: () => boolean): Backend {
  const writes = new Set<string>(writeMethods);
  const remote = inner.kind === 'palette';
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const gated = writes.has(property) || (remote && property !== 'constructor');
      if (!gated) return (value as (...args: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        if (!trusted()) return Promise.reject(untrustedError(remote ? 'Calling Palette' : 'Writing to the local store'));
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
