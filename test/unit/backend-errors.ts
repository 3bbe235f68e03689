// The one way the backend tests expect a failure: the promise rejects with a BackendError of this code (and message).
import * as assert from 'node:assert/strict';
import { BackendError, type BackendErrorCode } from '../../server/src/backend/types';

export async function backendError(promise: Promise<unknown>, code?: BackendErrorCode, message?: RegExp): Promise<BackendError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BackendError, `expected a BackendError, got ${String(error)}`);
    if (code) assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return error;
  }
  assert.fail(`expected a ${code ?? 'BackendError'} rejection`);
}
