// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * @typedef {{ requiredPrefixes?: string[] }} RuleOptions
 * @typedef {'missingTag' | 'unreadableProject'} MessageIds
 * @typedef {{ file: string; name: string; tags: string[] } | { file: string; error: string }} ProjectInfo
 */

const DEFAULT_PREFIXES = ['scope:', 'type:'];

/** @type {Map<string, { mtimeMs: number; info: ProjectInfo }>} */
const cache = new Map();

/**
 * Nearest `project.json` above `filename`, not looking past the Nx workspace
 * root (the first directory holding `nx.json`).
 *
 * @param {string} filename
 * @returns {string | undefined}
 */
function findProjectJson(filename) {
  let dir = path.dirname(path.resolve(filename));
  for (;;) {
    const candidate = path.join(dir, 'project.json');
    if (fs.existsSync(candidate)) return candidate;
    if (fs.existsSync(path.join(dir, 'nx.json'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * `file` relative to the workspace root above it, for messages.
 *
 * @param {string} file
 * @returns {string}
 */
function workspaceRelative(file) {
  let dir = path.dirname(file);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) {
      return path.relative(dir, file).split(path.sep).join('/');
    }
    const parent = path.dirname(dir);
    if (parent === dir) return file;
    dir = parent;
  }
}

/**
 * @param {string} file
 * @returns {ProjectInfo}
 */
function readProject(file) {
  const { mtimeMs } = fs.statSync(file);
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.info;
  /** @type {ProjectInfo} */
  let info;
  try {
    /** @type {{ name?: unknown; tags?: unknown }} */
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const tags = Array.isArray(json.tags)
      ? json.tags.filter((t) => typeof t === 'string')
      : [];
    const name = typeof json.name === 'string' ? json.name : path.dirname(file);
    info = { file, name, tags };
  } catch (error) {
    info = {
      file,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  cache.set(file, { mtimeMs, info });
  return info;
}

/** @type {import('@typescript-eslint/utils').TSESLint.RuleModule<MessageIds, [RuleOptions]>} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Every Nx project carries one tag per required dimension (scope:*, type:*), so the module-boundary constraints apply to it.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          requiredPrefixes: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{}],
    messages: {
      missingTag:
        "Nx project '{{project}}' has no '{{prefix}}*' tag. Add one to \"tags\" in {{file}}: untagged projects escape the module-boundary constraints.",
      unreadableProject: 'Cannot read the tags of {{file}}: {{error}}',
    },
  },
  create(context) {
    const prefixes = context.options[0]?.requiredPrefixes ?? DEFAULT_PREFIXES;
    return {
      Program() {
        const file = findProjectJson(context.filename);
        if (file === undefined) return;
        const info = readProject(file);
        const where = workspaceRelative(info.file);
        const loc = { line: 1, column: 0 };
        if ('error' in info) {
          context.report({
            loc,
            messageId: 'unreadableProject',
            data: { file: where, error: info.error },
          });
          return;
        }
        for (const prefix of prefixes) {
          if (!info.tags.some((tag) => tag.startsWith(prefix))) {
            context.report({
              loc,
              messageId: 'missingTag',
              data: { project: info.name, prefix, file: where },
            });
          }
        }
      },
    };
  },
};

module.exports = rule;
