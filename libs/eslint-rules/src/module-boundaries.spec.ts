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

interface Probe {
  filePath: string;
  source: string;
}

/*
 * Every probe is linted in one ESLint process through its Node API: loading the workspace's
 * configuration (and with it the Nx project graph) is most of the cost, paid once instead of once
 * per probe (five CLI runs took about 65 s). The API runs in a child process because Jest's module
 * sandbox cannot load the ES-module configuration.
 */
const LINT_PROBES = `
const { ESLint } = require('eslint');
let input = '';
process.stdin.on('data', (chunk) => (input += chunk)).on('end', async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const answers = [];
  for (const probe of JSON.parse(input)) {
    const [result] = await eslint.lintText(probe.source, { filePath: probe.filePath });
    answers.push(result.messages);
  }
  process.stdout.write(JSON.stringify(answers));
});
`;

function boundaryErrorsOf(probes: Probe[]): LintMessage[][] {
  const run = spawnSync(process.execPath, ['-e', LINT_PROBES], {
    cwd: workspaceRoot,
    input: JSON.stringify(
      probes.map((p) => ({
        filePath: p.filePath,
        source: `${p.source}\nexport const probe = imported;\n`,
      })),
    ),
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (run.status !== 0 || run.stdout === '') {
    throw new Error(`ESLint did not answer: ${run.stderr}`);
  }
  return (JSON.parse(run.stdout) as LintMessage[][]).map((messages) =>
    messages.filter((m) => m.ruleId === BOUNDARIES && m.severity === 2),
  );
}

const PROBES = {
  webImportsServerProject: {
    filePath: 'apps/web/src/app/boundary-probe.js',
    source: "import { imported } from '@poems/migrations';",
  },
  webReachesIntoApi: {
    filePath: 'apps/web/src/app/boundary-probe.js',
    source: "import { imported } from '../../../api/src/main';",
  },
  domainImportsContract: {
    filePath: 'libs/domain/src/lib/boundary-probe.js',
    source: "import { imported } from '@poems/contract';",
  },
  contractImportsFramework: {
    filePath: 'libs/contract/src/lib/boundary-probe.js',
    source: "import { Component as imported } from '@angular/core';",
  },
  webImportsContract: {
    filePath: 'apps/web/src/app/boundary-probe.js',
    source: "import { API_ROUTES as imported } from '@poems/contract';",
  },
} satisfies Record<string, Probe>;

type ProbeName = keyof typeof PROBES;

describe('module boundaries as the lint gate sees them', () => {
  jest.setTimeout(120_000);

  const errors = {} as Record<ProbeName, LintMessage[]>;
  beforeAll(() => {
    const names = Object.keys(PROBES) as ProbeName[];
    const answers = boundaryErrorsOf(names.map((name) => PROBES[name]));
    names.forEach((name, i) => (errors[name] = answers[i]));
  });

  it('fails the web app importing a server-side project', () => {
    expect(errors.webImportsServerProject.map((e) => e.message)).toEqual([
      expect.stringContaining(
        'A project tagged with "scope:web" can only depend on libs tagged with',
      ),
    ]);
  });

  it('fails the web app reaching into the api by path', () => {
    expect(errors.webReachesIntoApi).toHaveLength(1);
  });

  it('fails the domain importing the contract', () => {
    expect(errors.domainImportsContract).toHaveLength(1);
  });

  it('fails the contract importing a framework', () => {
    expect(errors.contractImportsFramework.map((e) => e.message)).toEqual([
      'A project tagged with "type:contract" is not allowed to import "@angular/core"',
    ]);
  });

  it('lets the web app import the contract', () => {
    expect(errors.webImportsContract).toEqual([]);
  });
});
