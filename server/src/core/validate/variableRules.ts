// Where and how a profile variable ({{.spectro.var.X}}) may be written, as Palette's profile-variables pages state it.
import type { QuoteContext } from '../parse/macros';

const docs = 'https://docs.spectrocloud.com/profiles/cluster-profiles/create-cluster-profiles/define-profile-variables';

export interface VariableRule {
  code: 'variable-unquoted' | 'variable-in-pack-content' | 'variable-in-system-uri';
  severity: 'error' | 'warning';
  /** The page the rule rests on (librarium docs/docs-content/profiles/cluster-profiles/create-cluster-profiles/define-profile-variables/). */
  source: string;
  /** The sentences of that page the rule rests on, word for word. */
  quote: string;
}

/**
 * Single quotes are what the page asks for; double quotes are what it asks for when a value can
 * hold a single quote. Only a variable in neither is flagged.
 */
export const quoting: VariableRule & { accepted: readonly QuoteContext[] } = {
  code: 'variable-unquoted',
  severity: 'warning',
  accepted: ['single', 'double'],
  source: `${docs}/create-cluster-profile-variables/`,
  quote:
    "You _must_ wrap each profile variable in single quotes (`'`) to properly validate the schema. […] If you plan to populate your variables with values that contain single quotes (`'`), wrap `{{.spectro.var.variable_name}}` in double quotes (`\"`); otherwise, the YAML file will be invalid when the variable is resolved.",
};

/** Palette fills pack.content itself, so a variable there is never resolved into it. */
export const inPackContent: VariableRule = {
  code: 'variable-in-pack-content',
  severity: 'error',
  source: `${docs}/`,
  quote: 'You cannot define a profile variable for the `pack.content` parameter because Palette populates it automatically.',
};

/** A variable in options.system.uri is allowed while the uri uses no macro; only the mix is flagged. */
export const inSystemUri: VariableRule = {
  code: 'variable-in-system-uri',
  severity: 'warning',
  source: `${docs}/`,
  quote: 'You can create a profile variable for the `system.uri` parameter so long as a macro is not already being used.',
};
