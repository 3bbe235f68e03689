// The parts of Palette's published API shapes (palette-api-subset.json, v1 definitions) this backend reads and writes.

export interface V1ObjectMeta {
  name?: string;
  uid?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  creationTimestamp?: string;
  lastModifiedTimestamp?: string;
}

export interface V1ListMeta {
  continue?: string;
  count?: number;
  limit?: number;
  offset?: number;
}

export interface V1List<T> {
  items: T[];
  listmeta?: V1ListMeta;
}

export interface V1PackRef {
  name: string;
  layer: string;
  tag?: string;
  type?: string;
  values?: string;
  registryUid?: string;
  manifests?: { name?: string; uid?: string; kind?: string }[];
}

export interface V1ClusterProfileTemplate {
  cloudType?: string;
  name?: string;
  type?: string;
  uid?: string;
  profileVersion?: string;
  packs?: V1PackRef[];
}

export interface V1ClusterProfile {
  metadata?: V1ObjectMeta;
  spec?: {
    draft?: V1ClusterProfileTemplate;
    published?: V1ClusterProfileTemplate;
    version?: string;
    versions?: { uid?: string; version?: string }[];
  };
  status?: { isPublished?: boolean; inUseClusters?: { name?: string; uid?: string }[] };
}

export interface V1ClusterProfileSummary {
  metadata?: V1ObjectMeta;
  specSummary?: { version?: string; versions?: { uid?: string; version?: string }[]; published?: { cloudType?: string; type?: string } };
  status?: { isPublished?: boolean };
}

/** v1Variable: a profile variable's definition. */
export interface V1Variable {
  name: string;
  [field: string]: unknown;
}

export interface V1ManifestInput {
  name?: string;
  content?: string;
  uid?: string;
}

/** v1PackManifestEntity (create) and v1PackManifestUpdateEntity (PUT) differ only in their manifests' uid. */
export interface V1PackInput {
  name: string;
  layer?: string;
  tag?: string;
  type?: string;
  uid?: string;
  registryUid?: string;
  values?: string;
  manifests?: V1ManifestInput[];
}

export interface V1PackManifestsList {
  spec?: { packs?: { metadata?: V1ObjectMeta; spec?: { name?: string; manifests?: { name?: string; content?: string; uid?: string }[] } }[] };
}

export interface V1SpectroClusterSummary {
  metadata?: V1ObjectMeta;
  status?: { state?: string };
}

export interface V1SpectroCluster {
  metadata?: V1ObjectMeta;
  spec?: { cloudType?: string; clusterProfileTemplates?: V1ClusterProfileTemplate[] };
  status?: { state?: string; repave?: { state?: string } };
}

export interface V1PackConfigList {
  items: { spec?: { name?: string; tag?: string; type?: string; values?: string; isValuesOverridden?: boolean } }[];
}

export interface V1ClusterVariables {
  profileUid: string;
  variables?: { name: string; value?: string }[];
}

export interface V1PackValues {
  name: string;
  tag?: string;
  type?: string;
  values?: string;
}

/** v1SpectroClusterProfileEntity, the element of the apply PATCH and of validate/repave. */
export interface V1ClusterProfileEntity {
  uid: string;
  replaceWithProfile?: string;
  packValues?: V1PackValues[];
  variables?: { name: string; value?: string }[];
}

export interface V1RepaveValidation {
  isRepaveRequired?: boolean;
  reasons?: { code?: string; message?: string; pack?: { current?: V1PackRef; target?: V1PackRef; diffConfigKeys?: string[] } }[];
}

export interface V1ClusterRepave {
  spec?: { reasons?: V1RepaveValidation['reasons'] };
  status?: { state?: string; message?: string };
}
