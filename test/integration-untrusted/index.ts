// Test entry of the harness's untrusted pass: the suites in this folder, in a workspace VS Code does not trust.
import { runSuites } from '../integration/index';

export function run(): Promise<void> {
  return runSuites(__dirname);
}
