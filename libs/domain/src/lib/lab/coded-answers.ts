import type { CodedAnswer, Coding, InterfaceMapping } from './inbound.types';

/*
 * Immunofixation answers arrive as codes of each laboratory's own table; their meaning is
 * configured per interface (lab-interface reference §8). The default map below only holds the
 * mnemonic scheme many laboratory systems ship with (`IFE-` + heavy chain G/A/M + light chain K/L;
 * `IFE-K`/`IFE-L` light chain only; `IFE-NEG` none), matched whatever the coding system. Anything
 * else is never guessed from the display text: it goes to the inbox as `coded_value_unmapped`.
 */
export const DEFAULT_CODED_ANSWERS: readonly CodedAnswer[] = [
  { code: 'IFE-NEG', heavyChain: 'none' },
  { code: 'IFE-GK', heavyChain: 'IgG', lightChain: 'kappa' },
  { code: 'IFE-GL', heavyChain: 'IgG', lightChain: 'lambda' },
  { code: 'IFE-AK', heavyChain: 'IgA', lightChain: 'kappa' },
  { code: 'IFE-AL', heavyChain: 'IgA', lightChain: 'lambda' },
  { code: 'IFE-MK', heavyChain: 'IgM', lightChain: 'kappa' },
  { code: 'IFE-ML', heavyChain: 'IgM', lightChain: 'lambda' },
  { code: 'IFE-K', heavyChain: 'none', lightChain: 'kappa' },
  { code: 'IFE-L', heavyChain: 'none', lightChain: 'lambda' },
];

/**
 * The meaning of a coded immunofixation answer: the interface's own map first (an entry naming the
 * system before one that does not), then the default map; undefined when neither knows it.
 */
export function codedAnswerOf(coding: Coding, mapping: InterfaceMapping): CodedAnswer | undefined {
  const own = mapping.codedAnswers ?? [];
  return (
    own.find((a) => a.system !== undefined && a.system === coding.system && a.code === coding.code) ??
    own.find((a) => a.system === undefined && a.code === coding.code) ??
    DEFAULT_CODED_ANSWERS.find((a) => a.code === coding.code.toUpperCase())
  );
}
