// @ts-check
'use strict';

/**
 * @typedef {import('@typescript-eslint/utils').TSESTree.Node} Node
 * @typedef {import('@typescript-eslint/utils').TSESTree.Decorator} Decorator
 * @typedef {import('@typescript-eslint/utils').TSESTree.ClassDeclaration | import('@typescript-eslint/utils').TSESTree.ClassExpression} ClassNode
 * @typedef {{
 *   publicDecorators?: string[];
 *   permissionDecorators?: string[];
 *   routeDecorators?: string[];
 * }} RuleOptions
 * @typedef {'missingAccess' | 'conflictingAccess'} MessageIds
 */

const DEFAULT_PUBLIC = ['Public'];
const DEFAULT_PERMISSION = ['RequirePermission'];
/** Every `@nestjs/common` decorator that maps a handler to a route. */
const DEFAULT_ROUTES = [
  'Get',
  'Post',
  'Put',
  'Patch',
  'Delete',
  'All',
  'Head',
  'Options',
  'Search',
  'Sse',
];

/**
 * Maps each imported local name to the name it was exported under, so that
 * `import { Get as HttpGet } from '@nestjs/common'` is still recognised.
 *
 * @param {import('@typescript-eslint/utils').TSESTree.Program} program
 * @returns {Map<string, string>}
 */
function importedNames(program) {
  /** @type {Map<string, string>} */
  const names = new Map();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type !== 'ImportSpecifier') continue;
      const imported =
        specifier.imported.type === 'Identifier'
          ? specifier.imported.name
          : String(specifier.imported.value);
      names.set(specifier.local.name, imported);
    }
  }
  return names;
}

/**
 * @param {Decorator} decorator
 * @param {Map<string, string>} aliases
 * @returns {string | undefined}
 */
function decoratorName(decorator, aliases) {
  const target =
    decorator.expression.type === 'CallExpression'
      ? decorator.expression.callee
      : decorator.expression;
  if (target.type === 'Identifier') {
    return aliases.get(target.name) ?? target.name;
  }
  if (
    target.type === 'MemberExpression' &&
    target.property.type === 'Identifier'
  ) {
    return target.property.name;
  }
  return undefined;
}

/**
 * @param {ReadonlyArray<Decorator> | undefined} decorators
 * @param {ReadonlyArray<string>} wanted
 * @param {Map<string, string>} aliases
 * @returns {boolean}
 */
function hasDecorator(decorators, wanted, aliases) {
  return (decorators ?? []).some((d) => {
    const name = decoratorName(d, aliases);
    return name !== undefined && wanted.includes(name);
  });
}

/**
 * @param {Node} key
 * @returns {string}
 */
function memberName(key) {
  if (key.type === 'Identifier' || key.type === 'PrivateIdentifier') {
    return key.name;
  }
  if (key.type === 'Literal') return String(key.value);
  return '<computed>';
}

/** @type {import('@typescript-eslint/utils').TSESLint.RuleModule<MessageIds, [RuleOptions]>} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Every NestJS route handler declares who may call it: a permission decorator or an explicit public marker, on the handler or its controller.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          publicDecorators: { type: 'array', items: { type: 'string' } },
          permissionDecorators: { type: 'array', items: { type: 'string' } },
          routeDecorators: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{}],
    messages: {
      missingAccess:
        "Route handler '{{handler}}' of controller '{{controller}}' does not declare who may call it. Add @{{permission}}(...) or @{{public}}() to the handler or to the controller class.",
      conflictingAccess:
        "'{{name}}' is marked both public and permission-restricted; keep exactly one of @{{public}}() and @{{permission}}(...).",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const publicDecorators = options.publicDecorators ?? DEFAULT_PUBLIC;
    const permissionDecorators =
      options.permissionDecorators ?? DEFAULT_PERMISSION;
    const routeDecorators = options.routeDecorators ?? DEFAULT_ROUTES;
    const messageData = {
      public: publicDecorators[0] ?? 'Public',
      permission: permissionDecorators[0] ?? 'RequirePermission',
    };
    /** @type {Map<string, string>} */
    let aliases = new Map();

    /**
     * @param {ReadonlyArray<Decorator> | undefined} decorators
     * @returns {{ isPublic: boolean; isRestricted: boolean }}
     */
    function accessOf(decorators) {
      return {
        isPublic: hasDecorator(decorators, publicDecorators, aliases),
        isRestricted: hasDecorator(decorators, permissionDecorators, aliases),
      };
    }

    /** @param {ClassNode} node */
    function checkClass(node) {
      if (!hasDecorator(node.decorators, ['Controller'], aliases)) return;
      const controller = node.id?.name ?? '<anonymous>';
      const classAccess = accessOf(node.decorators);
      if (classAccess.isPublic && classAccess.isRestricted) {
        context.report({
          node: node.id ?? node,
          messageId: 'conflictingAccess',
          data: { ...messageData, name: controller },
        });
      }
      for (const member of node.body.body) {
        if (member.type !== 'MethodDefinition') continue;
        if (!hasDecorator(member.decorators, routeDecorators, aliases)) {
          continue;
        }
        const handler = memberName(member.key);
        const access = accessOf(member.decorators);
        if (access.isPublic && access.isRestricted) {
          context.report({
            node: member.key,
            messageId: 'conflictingAccess',
            data: { ...messageData, name: `${controller}.${handler}` },
          });
          continue;
        }
        const declared =
          access.isPublic ||
          access.isRestricted ||
          classAccess.isPublic ||
          classAccess.isRestricted;
        if (!declared) {
          context.report({
            node: member.key,
            messageId: 'missingAccess',
            data: { ...messageData, handler, controller },
          });
        }
      }
    }

    return {
      Program(program) {
        aliases = importedNames(program);
      },
      ClassDeclaration: checkClass,
      ClassExpression: checkClass,
    };
  },
};

module.exports = rule;
