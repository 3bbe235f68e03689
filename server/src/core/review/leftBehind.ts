// What Apply will not remove from the cluster: Kubernetes objects a surviving pack no longer declares.
import type { ImpactedChange } from '../plan/model';
import type { LeftBehind } from './model';

/**
 * Palette applies the new version but does not delete resources that are no longer declared
 * ("Palette Reconciliation After Updating", cluster-updates page): a manifest or an object removed
 * from a pack that stays. Removing a whole pack is what the same page gives as the way to remove
 * its resources, so a removed pack leaves nothing behind. Charts are not modelled: what a chart
 * renders is not in the profile, so a values change that stops rendering an object cannot be seen here.
 */
export function leftBehind(changes: readonly ImpactedChange[]): LeftBehind[] {
  const out: LeftBehind[] = [];
  for (const c of changes) {
    // keyPath ['manifests', name]: a whole manifest, or one whole object of it.
    if (c.part !== 'manifest' || c.change !== 'removed' || c.keyPath.length !== 2) continue;
    if (c.object) {
      out.push({ pack: c.pack, resource: c.object, reason: `${c.object} is no longer in manifest ${c.manifest} of ${c.pack}; Palette does not delete it, so it stays on the cluster until removed by hand (kubectl delete, or scale to zero).` });
      continue;
    }
    const objects = Array.isArray(c.before) ? (c.before as unknown[]).map(String) : [];
    const why = `Manifest ${c.manifest} is no longer in ${c.pack}; Palette does not delete what it created, so it stays on the cluster until removed by hand.`;
    if (objects.length === 0) out.push({ pack: c.pack, resource: `manifest ${c.manifest}`, reason: why });
    for (const resource of objects) out.push({ pack: c.pack, resource, reason: why });
  }
  return out;
}
