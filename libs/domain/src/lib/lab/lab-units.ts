import { PROPERTY_UNITS, type LabCode } from './lab-codes';
import { commensurable, convertUcum, isUcum, ucumCode } from './ucum';
import { tidyUnit } from './unit-text';

/** HbA1c master equation (IFCC–NGSP): NGSP % = IFCC mmol/mol ÷ 10.929 + 2.15. */
export function hba1cNgspFromIfcc(mmolPerMol: number): number {
  return Number((mmolPerMol / 10.929 + 2.15).toPrecision(12));
}

/** The inverse of {@link hba1cNgspFromIfcc}: IFCC mmol/mol = (NGSP % − 2.15) × 10.929. */
export function hba1cIfccFromNgsp(percent: number): number {
  return Number(((percent - 2.15) * 10.929).toPrecision(12));
}

/** How a unit as sent turns into the stored unit of a code, or why it cannot. */
export type UnitConversion =
  | { readonly ok: true; readonly ucum: string; readonly toStored: (value: number) => number | undefined }
  | { readonly ok: false; readonly detail: string };

/**
 * The conversion of a value sent under `code` in `unit` into the code's stored unit. The unit must
 * be UCUM (after the alias table, unless the sender says it is UCUM already, then it is taken as it
 * is) and fit the code's LOINC property: calcium in mmol/L under the mass-concentration code
 * 17861-6 does not, whatever its value.
 */
export function unitConversion(code: LabCode, unit: string | undefined, senderSaysUcum = false): UnitConversion {
  if (code.unit === undefined || code.property === 'coded') {
    return { ok: false, detail: `${code.loinc} is a coded answer, not a quantity` };
  }
  const sent = unit ?? '';
  const ucum = senderSaysUcum && sent.trim() !== '' ? validUcum(tidyUnit(sent)) : ucumCode(sent);
  if (ucum === undefined) {
    return { ok: false, detail: `unit "${sent}" is not a UCUM unit` };
  }
  if (!commensurable(ucum, PROPERTY_UNITS[code.property])) {
    return { ok: false, detail: `unit "${sent}" does not measure the property ${code.property} of ${code.loinc}` };
  }
  const stored = code.unit;
  if (code.affine === 'hba1c_ifcc_to_ngsp') {
    return {
      ok: true,
      ucum,
      toStored: (value) => {
        const ifcc = convertUcum(value, ucum, 'mmol/mol');
        return ifcc === undefined ? undefined : hba1cNgspFromIfcc(ifcc);
      },
    };
  }
  if (convertUcum(1, ucum, stored, code.molarMass) === undefined) {
    return { ok: false, detail: `unit "${sent}" cannot be converted to ${stored}` };
  }
  return { ok: true, ucum, toStored: (value) => convertUcum(value, ucum, stored, code.molarMass) };
}

function validUcum(unit: string): string | undefined {
  // A sender that says UCUM is taken at its word: no alias table, so `K/uL` stays kelvin per µL
  // and fails the property check rather than being silently read as thousands per µL.
  return isUcum(unit) ? unit : undefined;
}
