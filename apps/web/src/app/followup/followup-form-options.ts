import { LINE_INTENTS, REGIMEN_CLASSES } from '@poems/domain';

const words = (code: string): string => code.replace(/_/g, ' ');

/** The choices of the treatment-line form, with their labels. */
export const INTENTS_FOR_FORM = LINE_INTENTS.map((value) => ({
  value,
  label: words(value),
}));
export const REGIMENS_FOR_FORM = REGIMEN_CLASSES.map((value) => ({
  value,
  label:
    value === 'asct_melphalan' ? 'ASCT (high-dose melphalan)' : words(value),
}));
