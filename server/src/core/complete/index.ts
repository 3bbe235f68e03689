// Completions, pure: given a profile model or a pack file's text and a caret offset, what to offer there.
export { completeProfile, completeSite, profileSite, packFieldsAt, type CompletionEnv, type PackFields, type ProfileSite } from './profile';
export { completePackValues } from './packValues';
export { cursorAt, type CursorContext, type Segment } from './cursor';
export type { Candidate, CandidateKind, PackFolderInfo } from './types';
