// The words every face uses for impacts: short labels for inlay hints, plain phrases for lenses and reports.
import type { Impact } from './model';

export const impactLabels: Readonly<Record<Impact, string>> = {
  repave: '⟳ repave',
  reboot: '↻ reboot',
  'service-restart': 'service restart',
  redeploy: 'redeploy',
  'config-reload': 'reload',
  'no-op': 'no-op',
};

export const impactPhrases: Readonly<Record<Impact, string>> = {
  repave: 'repave',
  reboot: 'reboot',
  'service-restart': 'service restart',
  redeploy: 'add-on redeploy',
  'config-reload': 'configuration reload',
  'no-op': 'no-op',
};

/** Rules that fire because `options.system.uri` is built from the changed value. */
export const uriRules: ReadonlySet<string> = new Set(['edge-uri-dependency', 'edge-k8s-version-in-uri']);
