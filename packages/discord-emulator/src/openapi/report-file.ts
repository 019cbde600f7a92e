// Traffic reports on disk: each emulator writes its own file into a shared directory (test files run in
// parallel processes, so nobody appends to one file), and a merge sums them into which operations a suite used.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { TrafficReport } from './traffic';

/** When set, every emulator with validation on writes its traffic report into this directory on close. */
export const OPENAPI_REPORT_ENV = 'TICKETBYTE_OPENAPI_REPORT';

const FILE_PREFIX = 'openapi-traffic-';
let written = 0;

export function writeTrafficReport(report: TrafficReport, dir: string, label?: string): string {
  mkdirSync(dir, { recursive: true });
  const name = `${FILE_PREFIX}${process.pid}-${Date.now()}-${written++}.json`;
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify({ label: label ?? null, ...report }, null, 2)}\n`);
  return file;
}

const StoredReport = z.object({
  label: z.string().nullable().optional(),
  described: z.number(),
  operations: z.array(
    z.object({
      operationId: z.string(),
      method: z.string(),
      template: z.string(),
      calls: z.number(),
      invalid: z.number(),
    }),
  ),
  undescribed: z.array(z.object({ method: z.string(), path: z.string(), calls: z.number() })),
  invalid: z.array(
    z.object({
      method: z.string(),
      path: z.string(),
      operationId: z.string(),
      template: z.string(),
      refused: z.boolean(),
      issues: z.array(
        z.object({ location: z.string(), field: z.string(), code: z.string(), message: z.string() }),
      ),
    }),
  ),
});

export interface MergedTrafficReport {
  files: number;
  described: number;
  operations: { operationId: string; method: string; template: string; calls: number; invalid: number }[];
  undescribed: { method: string; path: string; calls: number }[];
  /** Distinct violations (same operation and same failing fields), with how often each was seen. */
  violations: { operationId: string; method: string; template: string; issues: string[]; count: number }[];
}

/** Sums every report file in `dir` (as written by writeTrafficReport). */
export function mergeTrafficReports(dir: string): MergedTrafficReport {
  const files = readdirSync(dir).filter((f) => f.startsWith(FILE_PREFIX) && f.endsWith('.json'));
  const operations = new Map<string, MergedTrafficReport['operations'][number]>();
  const undescribed = new Map<string, number>();
  const violations = new Map<string, MergedTrafficReport['violations'][number]>();
  let described = 0;
  for (const file of files) {
    const report = StoredReport.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    described = Math.max(described, report.described);
    for (const o of report.operations) {
      const seen = operations.get(o.operationId);
      if (seen) {
        seen.calls += o.calls;
        seen.invalid += o.invalid;
      } else operations.set(o.operationId, { ...o });
    }
    for (const u of report.undescribed) {
      const key = `${u.method} ${u.path}`;
      undescribed.set(key, (undescribed.get(key) ?? 0) + u.calls);
    }
    for (const v of report.invalid) {
      const issues = v.issues.map(
        (i) => `${i.location}${i.field ? ` ${i.field}` : ''}: ${i.code} ${i.message}`,
      );
      const key = `${v.operationId}\n${issues.join('\n')}`;
      const seen = violations.get(key);
      if (seen) seen.count++;
      else
        violations.set(key, {
          operationId: v.operationId,
          method: v.method,
          template: v.template,
          issues,
          count: 1,
        });
    }
  }
  return {
    files: files.length,
    described,
    operations: [...operations.values()].sort((a, b) => a.operationId.localeCompare(b.operationId)),
    undescribed: [...undescribed.entries()]
      .map(([key, calls]) => {
        const [method = '', path = ''] = key.split(' ');
        return { method, path, calls };
      })
      .sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`)),
    violations: [...violations.values()],
  };
}

/** A plain-text summary of a merged report, for a terminal or a pull request. */
export function formatMergedReport(merged: MergedTrafficReport): string {
  const lines = [
    `${merged.operations.length} of ${merged.described} OpenAPI operations used (${merged.files} emulator report(s))`,
    ...merged.operations.map(
      (o) =>
        `  ${o.operationId.padEnd(44)} ${`${o.method} ${o.template}`.padEnd(70)} ${o.calls}${o.invalid ? ` (${o.invalid} invalid)` : ''}`,
    ),
  ];
  if (merged.undescribed.length > 0) {
    lines.push('Requests with no operation in the description:');
    for (const u of merged.undescribed) lines.push(`  ${u.method} ${u.path} ${u.calls}`);
  }
  lines.push(`${merged.violations.length} distinct violation(s)`);
  for (const v of merged.violations) {
    lines.push(`  ${v.method} ${v.template} (${v.operationId}) ×${v.count}`);
    for (const i of v.issues) lines.push(`    ${i}`);
  }
  return lines.join('\n');
}
