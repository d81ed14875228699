import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/*
 * The lint gate in CI holds the architecture only if the workspace's own configuration
 * (eslint.config.mjs, the projects' tags) turns a forbidden import into an error. Each probe is
 * linted by the real ESLint CLI as if it were a file of the named project. Probes are `.js`: the
 * boundary rule covers every source extension, and a `.js` file needs no tsconfig to be parsed.
 */
const workspaceRoot = resolve(__dirname, '../../..');
const BOUNDARIES = '@nx/enforce-module-boundaries';

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

function boundaryErrors(filePath: string, source: string): LintMessage[] {
  const run = spawnSync(
    process.execPath,
    [
      require.resolve('eslint/bin/eslint.js'),
      '--format',
      'json',
      '--stdin',
      '--stdin-filename',
      filePath,
    ],
    {
      cwd: workspaceRoot,
      input: `${source}\nexport const probe = imported;\n`,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    },
  );
  if (run.stdout === '') {
    throw new Error(`ESLint did not answer: ${run.stderr}`);
  }
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result.messages.filter(
    (m) => m.ruleId === BOUNDARIES && m.severity === 2,
  );
}

describe('module boundaries as the lint gate sees them', () => {
  jest.setTimeout(120_000);

  it('fails the web app importing a server-side project', () => {
    const errors = boundaryErrors(
      'apps/web/src/app/boundary-probe.js',
      "import { imported } from '@poems/migrations';",
    );
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining(
        'A project tagged with "scope:web" can only depend on libs tagged with',
      ),
    ]);
  });

  it('fails the web app reaching into the api by path', () => {
    const errors = boundaryErrors(
      'apps/web/src/app/boundary-probe.js',
      "import { imported } from '../../../api/src/main';",
    );
    expect(errors).toHaveLength(1);
  });

  it('fails the domain importing the contract', () => {
    const errors = boundaryErrors(
      'libs/domain/src/lib/boundary-probe.js',
      "import { imported } from '@poems/contract';",
    );
    expect(errors).toHaveLength(1);
  });

  it('fails the contract importing a framework', () => {
    const errors = boundaryErrors(
      'libs/contract/src/lib/boundary-probe.js',
      "import { Component as imported } from '@angular/core';",
    );
    expect(errors.map((e) => e.message)).toEqual([
      'A project tagged with "type:contract" is not allowed to import "@angular/core"',
    ]);
  });

  it('lets the web app import the contract', () => {
    expect(
      boundaryErrors(
        'apps/web/src/app/boundary-probe.js',
        "import { API_ROUTES as imported } from '@poems/contract';",
      ),
    ).toEqual([]);
  });
});
