// Decides which values schema, if any, a profile layer's values are checked against.
import { isEdgeCloudType } from '../plan/clusterKind';
import type { SchemaName } from './schemas';

/** Edge OS packs by name; on an Edge profile any `layer: os` pack is one too (BYOOS packs are renamed copies). */
const edgeOsPacks = new Set(['edge-native-byoi']);
const edgeK8sPacks = new Set(['edge-k3s', 'edge-rke2', 'edge-k8s']);

export function valuesSchemaFor(packName: string | undefined, layer: string | undefined, cloudType: string | undefined): Extract<SchemaName, 'edge-os' | 'edge-k8s'> | undefined {
  if (packName && edgeOsPacks.has(packName)) return 'edge-os';
  if (packName && edgeK8sPacks.has(packName)) return 'edge-k8s';
  if (layer === 'os' && isEdgeCloudType(cloudType)) return 'edge-os';
  return undefined;
}
