import type { Interpretation } from '../workup/result';
import type { DecodedSpecimen } from './inbound.types';

/**
 * A reference range as laboratories write it (OBX-7): `13.5-17.5`, `-1.0-2.0`, `<96.2`, `<=96.2`,
 * `>0.26`, `>=0.26`. Anything else gives no limits (the text is kept with the raw message).
 */
export function parseRange(text: string | undefined): { readonly low?: number; readonly high?: number } {
  const range = (text ?? '').replace(/\s+/g, '');
  const number = '[-+]?(?:\\d+\\.?\\d*|\\.\\d+)';
  const between = new RegExp(`^(${number})-(${number})$`).exec(range);
  if (between) {
    const low = Number(between[1]);
    const high = Number(between[2]);
    return low <= high ? { low, high } : {};
  }
  const upper = new RegExp(`^<=?(${number})$`).exec(range);
  if (upper) {
    return { high: Number(upper[1]) };
  }
  const lower = new RegExp(`^>=?(${number})$`).exec(range);
  if (lower) {
    return { low: Number(lower[1]) };
  }
  return {};
}

/**
 * The interpretation of abnormal flags (HL7 table 0078, FHIR v3 ObservationInterpretation): L/LL
 * low, H/HH high, N normal. Other flags (`A`, `<`, `>`) say nothing here: the range decides.
 */
export function interpretationOfFlags(flags: readonly string[]): Interpretation | undefined {
  for (const flag of flags.map((f) => f.trim().toUpperCase())) {
    if (flag === 'L' || flag === 'LL') {
      return 'L';
    }
    if (flag === 'H' || flag === 'HH') {
      return 'H';
    }
    if (flag === 'N') {
      return 'N';
    }
  }
  return undefined;
}

const SPECIMEN_CODES: Readonly<Record<string, DecodedSpecimen>> = {
  // HL7 tables 0487 (v2.5+) and 0070 (v2.3/2.4).
  PLAS: 'plasma',
  SER: 'serum',
  BLD: 'blood',
  // SNOMED CT specimen concepts.
  '119361006': 'plasma',
  '119364003': 'serum',
  '119297000': 'blood',
};

/** The specimen of an order from any of its codes (SPM-4, OBR-15, FHIR Specimen.type). */
export function specimenOfCodes(codes: readonly string[]): DecodedSpecimen | undefined {
  const known = codes.map((c) => SPECIMEN_CODES[c.trim().toUpperCase()]).filter((s) => s !== undefined);
  if (known.length > 0) {
    return known[0];
  }
  return codes.some((c) => c.trim() !== '') ? 'other' : undefined;
}
