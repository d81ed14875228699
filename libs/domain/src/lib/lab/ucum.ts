// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no typings; these must follow this file into every program that compiles it (api, web, tests)
/// <reference path="./ucum-lhc.d.ts" />
import { UcumLhcUtils } from '@lhncbc/ucum-lhc';
import { tidyUnit } from './unit-text';

/*
 * Units through the NLM's UCUM library (@lhncbc/ucum-lhc, pure JavaScript with its unit table
 * bundled as JSON): validation and conversion factors are UCUM's, never a hand-written table. Only
 * the spellings laboratories commonly send that are not UCUM (or mean something else in UCUM) are
 * mapped first, as the lab-interface reference §1.2 lists them.
 */

let ucum: ReturnType<typeof UcumLhcUtils.getInstance> | undefined;
const utils = (): ReturnType<typeof UcumLhcUtils.getInstance> => (ucum ??= UcumLhcUtils.getInstance());

/**
 * Common non-UCUM spellings → UCUM. `K/uL` must never reach UCUM as it is: there it is valid and
 * means kelvin per microlitre. `G/L` would be gauss per litre.
 */
export const UNIT_ALIASES: Readonly<Record<string, string>> = {
  'K/uL': '10*3/uL',
  'k/uL': '10*3/uL',
  'x10E3/uL': '10*3/uL',
  'x10^3/uL': '10*3/uL',
  '10^3/uL': '10*3/uL',
  '10E3/uL': '10*3/uL',
  'thou/uL': '10*3/uL',
  '10^9/L': '10*9/L',
  'x10^9/L': '10*9/L',
  'x10E9/L': '10*9/L',
  '10E9/L': '10*9/L',
  'G/L': '10*9/L',
  'mIU/mL': 'm[IU]/mL',
  'mIU/L': 'm[IU]/L',
  'uIU/mL': 'u[IU]/mL',
  'IU/L': '[IU]/L',
  'mcg/dL': 'ug/dL',
  'mcg/L': 'ug/L',
  'ratio': '{ratio}',
  '': '1',
};


/** Whether a string is a valid UCUM code as it is (case-sensitive, no aliases). */
export function isUcum(code: string): boolean {
  return utils().validateUnitString(code).status === 'valid';
}

/** The UCUM code of a unit as sent (aliases first), or undefined when UCUM does not know it. */
export function ucumCode(unit: string): string | undefined {
  const tidy = tidyUnit(unit);
  const code = UNIT_ALIASES[tidy] ?? tidy;
  return isUcum(code) ? code : undefined;
}

/** Arbitrary units UCUM refuses to convert even into themselves with another prefix. */
const ARBITRARY = /\[(IU|iU|arb'U|USP'U|GPL'U|MPL'U|APL'U|beth'U|anti'Xa'U|todd'U|dye'U|smgy'U|bdsk'U|ka'U|knk'U|mclg'U|tb'U|CCID_50|TCID_50|EID_50|PFU|FFU|CFU|BAU|AU|Amb'a'1'U|PNU|Lf|D'ag'U|FEU|ELU|EU)\]/g;

/**
 * A value converted between two UCUM codes, or undefined when they are not commensurable (or
 * either is not UCUM). `molarMass` (g/mol) allows mass ↔ amount of substance.
 *
 * UCUM will not convert arbitrary units such as `[IU]` (their magnitude depends on the assay). The
 * same one on both sides only differs by its prefix, so it is swapped for a stand-in base unit and
 * the prefix arithmetic stays UCUM's; two different arbitrary units never convert.
 */
export function convertUcum(value: number, from: string, to: string, molarMass?: number): number | undefined {
  if (!Number.isFinite(value)) {
    return undefined;
  }
  const fromArbitrary = [...from.matchAll(ARBITRARY)].map((m) => m[0]);
  const toArbitrary = [...to.matchAll(ARBITRARY)].map((m) => m[0]);
  let source = from;
  let target = to;
  if (fromArbitrary.length > 0 || toArbitrary.length > 0) {
    const kinds = new Set([...fromArbitrary, ...toArbitrary]);
    if (kinds.size !== 1 || fromArbitrary.length !== 1 || toArbitrary.length !== 1 || /mol/.test(from + to)) {
      return undefined;
    }
    const [unit] = kinds;
    source = from.replace(unit as string, 'mol');
    target = to.replace(unit as string, 'mol');
  }
  const result = utils().convertUnitTo(source, value, target, molarMass === undefined ? undefined : { molecularWeight: molarMass });
  if (result.status !== 'succeeded' || result.toVal === null || !Number.isFinite(result.toVal)) {
    return undefined;
  }
  // UCUM multiplies in binary floating point (612 × 10³/µL → 611.9999999999999 × 10⁹/L): round
  // to 12 significant digits, far beyond any laboratory's precision.
  return Number(result.toVal.toPrecision(12));
}

/** Whether two UCUM codes measure the same kind of quantity (without a molar mass). */
export function commensurable(from: string, to: string): boolean {
  return convertUcum(1, from, to) !== undefined;
}
