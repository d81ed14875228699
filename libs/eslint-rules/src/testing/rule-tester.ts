import type { TSESLint } from '@typescript-eslint/utils';
import { RuleTester, type Rule } from 'eslint';
import { parser } from 'typescript-eslint';

/** ESLint's RuleTester with the TypeScript parser, so decorators parse. */
export const ruleTester = new RuleTester({
  languageOptions: { parser, ecmaVersion: 2022, sourceType: 'module' },
});

/**
 * The rules are typed with typescript-eslint's RuleModule (it knows about
 * decorators); ESLint's RuleTester expects its own, structurally equal type.
 */
export function asEslintRule<M extends string, O extends readonly unknown[]>(
  rule: TSESLint.RuleModule<M, O>,
): Rule.RuleModule {
  return rule as unknown as Rule.RuleModule;
}
