// Guards every handler: an exception or a cancelled request becomes a logged error and an empty answer.
import { CancellationToken, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';

export function runSafe<T>(connection: Connection, name: string, empty: T, token: CancellationToken | undefined, work: () => T): T | ResponseError<void> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = work();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (error) {
    connection.console.error(`${name} failed: ${describe(error)}`);
    return empty;
  }
}

export async function runSafeAsync<T>(connection: Connection, name: string, empty: T, token: CancellationToken | undefined, work: () => Promise<T>): Promise<T | ResponseError<void>> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await work();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (error) {
    connection.console.error(`${name} failed: ${describe(error)}`);
    return empty;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
}
