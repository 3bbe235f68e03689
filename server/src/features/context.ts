// What every feature handler gets: the open documents, their contexts and baselines, the workspace and the settings.
import type { BaselineService } from '../baseline';
import type { ContextService } from '../context';
import type { DocumentStore } from '../documents';
import type { ServerSettings } from '../settings';
import type { WorkspaceIndex } from '../workspace';

export interface FeatureContext {
  store: DocumentStore;
  contexts: ContextService;
  baselines: BaselineService;
  workspace: WorkspaceIndex;
  settings(): ServerSettings;
}
