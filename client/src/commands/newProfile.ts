// New Cluster Profile: starts from a working profile for the chosen kind of cluster, not a bare skeleton.
import * as vscode from 'vscode';

/** The starting points in media/templates/, each a valid profile the validator checks in the unit tests. */
export const startingPoints = [
  { id: 'edge-k3s', label: 'Edge, K3s', detail: 'Ubuntu BYOOS (edge-native-byoi), K3s, Calico: an Edge host on K3s', file: 'edge-k3s.profile.yaml' },
  { id: 'edge-rke2', label: 'Edge, RKE2', detail: 'Ubuntu BYOOS, RKE2, Calico: on RKE2 a change to stages.boot repaves', file: 'edge-rke2.profile.yaml' },
  { id: 'edge-pxke', label: 'Edge, PXK-E', detail: 'Ubuntu BYOOS, Palette eXtended Kubernetes - Edge (edge-k8s), Calico', file: 'edge-pxke.profile.yaml' },
  { id: 'aws-pxk', label: 'Non-Edge (AWS)', detail: 'Ubuntu, Palette eXtended Kubernetes, Calico, EBS CSI on AWS', file: 'aws-pxk.profile.yaml' },
  { id: 'addon', label: 'Add-on profile', detail: 'One manifest layer; a cluster runs add-on profiles beside its infra profile', file: 'addon.profile.yaml' },
] as const;

export type StartingPointId = (typeof startingPoints)[number]['id'];

/** `kind` skips the pick (the walkthrough and tests pass it); cancelling the pick opens nothing. */
export function newProfileCommand(extensionUri: vscode.Uri) {
  return async (kind?: unknown): Promise<vscode.TextEditor | undefined> => {
    const picked =
      startingPoints.find((p) => p.id === kind) ??
      (await vscode.window.showQuickPick(
        startingPoints.map((p) => ({ ...p, description: p.id })),
        { title: 'New Cluster Profile: start from', placeHolder: 'The kind of cluster this profile is for', matchOnDetail: true },
      ));
    if (!picked) return undefined;
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'templates', picked.file));
    const document = await vscode.workspace.openTextDocument({ language: 'palette-profile', content: new TextDecoder().decode(bytes) });
    return vscode.window.showTextDocument(document);
  };
}
