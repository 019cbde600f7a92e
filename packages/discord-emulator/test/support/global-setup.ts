// Collects the OpenAPI operations covered by all test files and prints the total once the run ends.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    conformanceDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'tb-emulator-conformance-'));
  project.provide('conformanceDir', dir);
  return () => {
    const covered = new Set<string>();
    let total = 0;
    for (const file of readdirSync(dir)) {
      const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { covered: string[]; total: number };
      for (const id of data.covered) covered.add(id);
      total = data.total;
    }
    rmSync(dir, { recursive: true, force: true });
    if (total > 0) {
      console.log(`\nOpenAPI conformance: ${covered.size} of ${total} operations exercised and validated`);
      console.log(`  ${[...covered].sort().join(', ')}\n`);
    }
  };
}
