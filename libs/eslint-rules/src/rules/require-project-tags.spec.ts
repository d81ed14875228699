import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asEslintRule, ruleTester } from '../testing/rule-tester';
import requireProjectTags = require('./require-project-tags');

const rule = asEslintRule(requireProjectTags);

function workspace(projects: Record<string, string | object>): string {
  const root = mkdtempSync(join(tmpdir(), 'require-project-tags-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  for (const [dir, projectJson] of Object.entries(projects)) {
    mkdirSync(join(root, dir, 'src'), { recursive: true });
    writeFileSync(
      join(root, dir, 'project.json'),
      typeof projectJson === 'string'
        ? projectJson
        : JSON.stringify(projectJson),
    );
  }
  return root;
}

const root = workspace({
  'libs/tagged': { name: 'tagged', tags: ['scope:shared', 'type:domain'] },
  'libs/untagged': { name: 'untagged', tags: [] },
  'libs/no-tags-field': { name: 'no-tags-field' },
  'apps/scope-only': { name: 'scope-only', tags: ['scope:web'] },
  'apps/broken': '{ not json',
});
const file = (project: string): string => join(root, project, 'src/index.ts');
const code = 'export const x = 1;';

ruleTester.run('require-project-tags', rule, {
  valid: [
    { name: 'both dimensions tagged', code, filename: file('libs/tagged') },
    {
      name: 'files outside any project are not checked',
      code,
      filename: join(root, 'eslint.config.mjs'),
    },
    {
      name: 'required prefixes are configurable',
      code,
      filename: file('apps/scope-only'),
      options: [{ requiredPrefixes: ['scope:'] }],
    },
  ],
  invalid: [
    {
      name: 'empty tags',
      code,
      filename: file('libs/untagged'),
      errors: [
        {
          messageId: 'missingTag',
          data: {
            project: 'untagged',
            prefix: 'scope:',
            file: 'libs/untagged/project.json',
          },
        },
        { messageId: 'missingTag' },
      ],
    },
    {
      name: 'no tags field',
      code,
      filename: file('libs/no-tags-field'),
      errors: [{ messageId: 'missingTag' }, { messageId: 'missingTag' }],
    },
    {
      name: 'one dimension missing',
      code,
      filename: file('apps/scope-only'),
      errors: [
        {
          messageId: 'missingTag',
          data: {
            project: 'scope-only',
            prefix: 'type:',
            file: 'apps/scope-only/project.json',
          },
        },
      ],
    },
    {
      name: 'unparseable project.json',
      code,
      filename: file('apps/broken'),
      errors: [{ messageId: 'unreadableProject' }],
    },
  ],
});
