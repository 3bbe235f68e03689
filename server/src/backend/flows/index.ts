// The publish and apply flows the editor's commands and the CLI share: prepare (what will happen, what blocks it), then execute.
export { executePublish, firstVersion, nextVersions, preparePublish, withVersion, type NextVersions, type PublishPreparation, type PublishResult } from './publish';
export { droppedSentence, executeApply, prepareApply, prepareApplyAll, targetFor, type ApplyNote, type ApplyOptions, type ApplyPreparation, type ClusterPreparation, type ConflictResolution, type ExecuteOptions } from './apply';
export { prepareInPlace, versionLabel, type InPlaceClusterPlan, type InPlacePreparation } from './inPlace';
