// Where a macro reference points: the key a `{{ .spectro.pack.P.path }}` names in pack P, or the variable a `{{ .spectro.var.X }}` uses.
import type { ProfileModel } from '../parse/profile';
import type { Span } from '../types';
import { profileMacroAt } from './explain';
import { explainMacro } from './macro';

/** Outer span of the definition, in the same profile; undefined when the offset is on no resolvable reference. */
export function definitionAt(profile: ProfileModel, offset: number): Span | undefined {
  const macro = profileMacroAt(profile, offset);
  return macro ? explainMacro(macro.ref, profile).target : undefined;
}
