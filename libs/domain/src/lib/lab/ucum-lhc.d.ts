/* The parts of the NLM's UCUM library (@lhncbc/ucum-lhc, no bundled typings) this project calls. */
declare module '@lhncbc/ucum-lhc' {
  interface ValidationResult {
    readonly status: 'valid' | 'invalid' | 'error';
    readonly ucumCode: string | null;
    readonly msg: readonly string[];
  }
  interface ConversionResult {
    readonly status: 'succeeded' | 'failed' | 'error';
    readonly toVal: number | null;
    readonly msg: readonly string[];
  }
  interface UcumUtils {
    validateUnitString(unit: string, suggest?: boolean): ValidationResult;
    convertUnitTo(
      from: string,
      value: number,
      to: string,
      options?: { readonly molecularWeight?: number },
    ): ConversionResult;
  }
  export const UcumLhcUtils: { getInstance(): UcumUtils };
}
