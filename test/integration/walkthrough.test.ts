// The Get Started walkthrough: every step's button runs a command that exists, and the walkthrough opens in the workbench.
import * as assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, extensionId, waitFor } from './util';

interface Step {
  id: string;
  description: string;
  media: { markdown: string };
}

const mtime = (file: string) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;

describe('walkthrough', () => {
  after(closeAllEditors);
  const extension = () => vscode.extensions.getExtension(extensionId)!;
  const steps = () => extension().packageJSON.contributes.walkthroughs[0].steps as Step[];

  it('walks through open, hints, review, publish, apply and roll back, each step with a command button that exists and its page', async () => {
    assert.deepEqual(steps().map((s) => s.id), ['open', 'hints', 'review', 'publish', 'apply', 'rollback']);
    await extension().activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of steps()) {
      const links = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(links.length > 0, `step ${step.id} has no command button`);
      for (const command of links) assert.ok(registered.has(command), `step ${step.id}: ${command} is not a command`);
      assert.ok(existsSync(join(extension().extensionPath, step.media.markdown)), `step ${step.id}: ${step.media.markdown} is missing`);
    }
  });

  it('opens in the workbench', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extensionId}#gettingStarted`, false);
    await waitFor('the walkthrough editor', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /Welcome|Get started|Walkthrough/i.test(t.label)),
    );
    if (process.env.PALETTE_SCREENSHOTS === '1') {
      const file = join(extension().extensionPath, 'media', 'screenshots', 'walkthrough.png');
      const before = mtime(file);
      console.log('PALETTE_SCREENSHOT walkthrough');
      await waitFor('walkthrough.png', () => mtime(file) > before || undefined, 30_000);
    }
  });
});
