// SARIF 2.1.0 for code-scanning viewers: findings as results with exact regions, changes as notes.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../../../package.json';
import { problemCodes } from '../../core/codes';
import type { PlanReport, ReportChange, ReportFinding, ReportLocation, ValidateReport } from '../report';

const levels = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  help: { text: string };
}

/** Files below the working directory are relative to %SRCROOT% (portable in CI); others are absolute file URIs. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const rel = relative(process.cwd(), resolve(file));
  if (rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(resolve(file)).toString() };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function locations(location: ReportLocation | undefined) {
  if (!location) return undefined;
  return [
    {
      physicalLocation: {
        artifactLocation: artifactLocation(location.file),
        region: { startLine: location.line, startColumn: location.column, endLine: location.endLine, endColumn: location.endColumn },
      },
    },
  ];
}

class SarifBuilder {
  private readonly rules = new Map<string, Rule>();
  readonly results: object[] = [];

  private rule(id: string, text: string): number {
    if (!this.rules.has(id)) {
      const name = id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase());
      this.rules.set(id, { id, name, shortDescription: { text }, help: { text: id.startsWith('impact/') ? 'See "Upgrade impact rules" in the Palette Profile Studio README.' : `See "${id}" under "Problem codes" in the Palette Profile Studio README.` } });
    }
    return [...this.rules.keys()].indexOf(id);
  }

  finding(finding: ReportFinding, fallbackFile?: string): void {
    const location = finding.location ?? (fallbackFile ? { file: fallbackFile, line: 1, column: 1, endLine: 1, endColumn: 1 } : undefined);
    this.results.push({
      ruleId: finding.code,
      ruleIndex: this.rule(finding.code, problemCodes[finding.code] ?? `Palette check ${finding.code}`),
      level: levels[finding.severity],
      message: { text: finding.message },
      locations: locations(location),
    });
  }

  change(change: ReportChange): void {
    const id = `impact/${change.impact}`;
    const subject = change.path ? `${change.pack} ${change.path}` : change.pack;
    this.results.push({
      ruleId: id,
      ruleIndex: this.rule(id, `Applying this change causes: ${change.impact}`),
      level: 'note',
      kind: 'informational',
      message: { text: `${change.impact}: ${subject} ${change.change}. ${change.reason}` },
      locations: locations(change.location),
      properties: { impact: change.impact, certainty: change.certainty, source: change.source, layer: change.layer, pack: change.pack, path: change.path, change: change.change },
    });
  }

  log(properties?: object): object {
    return {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'palette-profile', version, semanticVersion: version, rules: [...this.rules.values()] } },
          columnKind: 'utf16CodeUnits',
          originalUriBaseIds: { '%SRCROOT%': { uri: pathToDirUri(process.cwd()) } },
          results: this.results,
          ...(properties ? { properties } : {}),
        },
      ],
    };
  }
}

function pathToDirUri(dir: string): string {
  return pathToFileURL(dir).toString().replace(/\/?$/, '/');
}

export function validateSarif(report: ValidateReport): string {
  const builder = new SarifBuilder();
  for (const file of report.files) for (const finding of file.findings) builder.finding(finding, file.file);
  return JSON.stringify(builder.log(), null, 2) + '\n';
}

export function planSarif(plan: PlanReport): string {
  const builder = new SarifBuilder();
  for (const change of plan.changes) builder.change(change);
  for (const finding of plan.findings) builder.finding(finding);
  return JSON.stringify(builder.log({ impact: plan.impact, target: plan.target }), null, 2) + '\n';
}
