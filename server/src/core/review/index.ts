// The review's public surface, for the LSP layer and the review panel.
export { buildReview, reviewSides, isClusterInput, type ClusterReviewInput, type FileReviewInput, type ReviewInput, type ReviewSides } from './build';
export { applyTextEdits, conflictEdit, resolveConflictEdit, type ConflictEditResult, type ReviewTextEdit } from './conflictEdit';
export { filterReview } from './filter';
export { masked, isSecretKey } from './mask';
export { reviewMarkdown } from './markdown';
export type * from './model';
