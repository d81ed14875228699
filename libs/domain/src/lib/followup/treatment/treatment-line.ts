import type { FieldError } from '../../errors';
import { isIsoDate } from '../../schedule/due-date';
import type { FollowupProtocolDefinition } from '../protocol/followup-protocol.types';
import {
  INDUCTION_CLASSES,
  LINE_INTENTS,
  REGIMEN_CLASSES,
  STOP_REASONS,
  type TreatmentLine,
} from './treatment-line.types';

/** Codes of the treatment-line validation rules (poems-followup.md §4). */
export const LINE_ERROR_CODES = [
  'line_number_invalid',
  'line_number_duplicate',
  'line_numbers_not_contiguous',
  'start_not_after_previous_line',
  'intent_invalid',
  'regimen_class_invalid',
  'regimen_text_required',
  'induction_only_for_asct',
  'induction_class_invalid',
  'start_date_invalid',
  'end_date_invalid',
  'end_before_start',
  'date_in_future',
  'transplant_only_for_asct',
  'transplant_date_invalid',
  'transplant_outside_line',
  'radiation_sites_only_for_radiation',
  'radiation_site_invalid',
  'stop_reason_invalid',
  'stop_reason_without_end',
  'end_without_stop_reason',
] as const;

/** One treatment-line validation rule. */
export type LineErrorCode = (typeof LINE_ERROR_CODES)[number];

/** An invalid field of a treatment line, with the rule it breaks and, in a set of lines, the line. */
export interface LineFieldError extends FieldError {
  readonly code: LineErrorCode;
  readonly lineId?: string;
}

const includes = (values: readonly string[], value: unknown): boolean =>
  typeof value === 'string' && values.includes(value);

const present = <T>(value: T | null | undefined): value is T =>
  value !== null && value !== undefined;

/**
 * Checks one treatment line on its own. `asOf` is the clinic's today: an end or transplant date
 * is a fact, so it cannot lie in the future (a start date may: a line can be recorded when planned).
 * @returns one entry per broken rule, empty when the line is valid.
 */
export function validateTreatmentLine(
  line: TreatmentLine,
  asOf: string,
): LineFieldError[] {
  const errors: LineFieldError[] = [];
  const fail = (field: string, code: LineErrorCode, message: string): void => {
    errors.push({ field, code, message });
  };

  if (!Number.isInteger(line.lineNumber) || line.lineNumber < 1) {
    fail(
      'lineNumber',
      'line_number_invalid',
      'lineNumber must be a whole number ≥ 1.',
    );
  }
  if (!includes(LINE_INTENTS, line.intent)) {
    fail(
      'intent',
      'intent_invalid',
      `intent must be one of ${LINE_INTENTS.join(', ')}.`,
    );
  }
  if (!includes(REGIMEN_CLASSES, line.regimenClass)) {
    fail(
      'regimenClass',
      'regimen_class_invalid',
      `regimenClass must be one of ${REGIMEN_CLASSES.join(', ')}.`,
    );
  }
  if (
    line.regimenClass === 'other' &&
    !(typeof line.regimenText === 'string' && line.regimenText.trim() !== '')
  ) {
    fail(
      'regimenText',
      'regimen_text_required',
      'a regimen of class other needs regimenText naming it.',
    );
  }
  if (present(line.inductionClass)) {
    if (line.regimenClass !== 'asct_melphalan') {
      fail(
        'inductionClass',
        'induction_only_for_asct',
        'an induction is recorded only on an asct_melphalan line.',
      );
    } else if (!includes(INDUCTION_CLASSES, line.inductionClass)) {
      fail(
        'inductionClass',
        'induction_class_invalid',
        `inductionClass must be one of ${INDUCTION_CLASSES.join(', ')}.`,
      );
    }
  }

  const startOk =
    typeof line.startDate === 'string' && isIsoDate(line.startDate);
  if (!startOk) {
    fail(
      'startDate',
      'start_date_invalid',
      'startDate must be a date (YYYY-MM-DD).',
    );
  }
  const endOk = present(line.endDate) && isIsoDate(line.endDate);
  if (present(line.endDate)) {
    if (!endOk) {
      fail(
        'endDate',
        'end_date_invalid',
        'endDate must be a date (YYYY-MM-DD).',
      );
    } else if (startOk && line.endDate < line.startDate) {
      fail(
        'endDate',
        'end_before_start',
        'endDate must not be before startDate.',
      );
    } else if (line.endDate > asOf) {
      fail('endDate', 'date_in_future', 'endDate must not be after today.');
    }
  }

  if (present(line.transplantDate)) {
    if (line.regimenClass !== 'asct_melphalan') {
      fail(
        'transplantDate',
        'transplant_only_for_asct',
        'a transplant date is recorded only on an asct_melphalan line.',
      );
    } else if (!isIsoDate(line.transplantDate)) {
      fail(
        'transplantDate',
        'transplant_date_invalid',
        'transplantDate must be a date (YYYY-MM-DD).',
      );
    } else if (startOk) {
      const last = endOk && present(line.endDate) ? line.endDate : asOf;
      if (line.transplantDate < line.startDate || line.transplantDate > last) {
        fail(
          'transplantDate',
          'transplant_outside_line',
          `transplantDate must lie between startDate and ${endOk ? 'endDate' : 'today'}.`,
        );
      }
    }
  }

  if (present(line.radiationSites)) {
    if (line.regimenClass !== 'radiation') {
      fail(
        'radiationSites',
        'radiation_sites_only_for_radiation',
        'radiation sites are recorded only on a radiation line.',
      );
    } else {
      line.radiationSites.forEach((site, i) => {
        if (typeof site !== 'string' || site.trim() === '') {
          fail(
            `radiationSites[${i}]`,
            'radiation_site_invalid',
            'a radiation site names a staged lesion.',
          );
        }
      });
    }
  }

  if (present(line.stopReason)) {
    if (!includes(STOP_REASONS, line.stopReason)) {
      fail(
        'stopReason',
        'stop_reason_invalid',
        `stopReason must be one of ${STOP_REASONS.join(', ')}.`,
      );
    } else if (!present(line.endDate)) {
      fail(
        'stopReason',
        'stop_reason_without_end',
        'a stop reason is recorded with the end date.',
      );
    }
  } else if (present(line.endDate)) {
    fail(
      'stopReason',
      'end_without_stop_reason',
      'an ended line records why it ended.',
    );
  }
  return errors;
}

/**
 * Checks a patient's lines together: numbered 1…n without gaps or duplicates, each line starting
 * after the one before (line n+1 supersedes line n from its start date), and each line on its own.
 * @returns one entry per broken rule, each naming its line.
 */
export function validateTreatmentLines(
  lines: readonly TreatmentLine[],
  asOf: string,
): LineFieldError[] {
  const errors: LineFieldError[] = lines.flatMap((line) =>
    validateTreatmentLine(line, asOf).map((e) => ({ ...e, lineId: line.id })),
  );
  const byNumber = [...lines].sort((a, b) => a.lineNumber - b.lineNumber);
  byNumber.forEach((line, i) => {
    const previous = byNumber[i - 1];
    if (previous && previous.lineNumber === line.lineNumber) {
      errors.push({
        field: 'lineNumber',
        code: 'line_number_duplicate',
        message: `line ${line.lineNumber} is recorded twice.`,
        lineId: line.id,
      });
    } else if (line.lineNumber !== (previous?.lineNumber ?? 0) + 1) {
      errors.push({
        field: 'lineNumber',
        code: 'line_numbers_not_contiguous',
        message: `lines are numbered 1…n without gaps: expected line ${(previous?.lineNumber ?? 0) + 1}.`,
        lineId: line.id,
      });
    } else if (
      previous &&
      isIsoDate(line.startDate) &&
      isIsoDate(previous.startDate) &&
      line.startDate <= previous.startDate
    ) {
      errors.push({
        field: 'startDate',
        code: 'start_not_after_previous_line',
        message: `line ${line.lineNumber} must start after line ${previous.lineNumber} started.`,
        lineId: line.id,
      });
    }
  });
  return errors;
}

/** The number the next line of a patient gets. */
export function nextLineNumber(lines: readonly TreatmentLine[]): number {
  return lines.reduce((max, l) => Math.max(max, l.lineNumber), 0) + 1;
}

/** The date a line's time points count from, and which field it is. */
export interface LineAnchor {
  /** Null while the anchor is not known yet (radiation ongoing, no transplant date). */
  readonly date: string | null;
  readonly field: 'start_date' | 'end_date' | 'transplant_date';
}

/**
 * A line's anchor (§1, [D]): radiation → end date; ASCT → transplant date; every other class →
 * start date. A date after `asOf` is not known yet on that day.
 */
export function lineAnchor(
  protocol: FollowupProtocolDefinition,
  line: TreatmentLine,
  asOf: string,
): LineAnchor {
  const field = protocol.anchors[line.regimenClass];
  const value =
    field === 'start_date'
      ? line.startDate
      : field === 'end_date'
        ? line.endDate
        : line.transplantDate;
  return { date: present(value) && value <= asOf ? value : null, field };
}

/**
 * The line that supersedes this one: line n+1, once recorded (even before it starts). Line n's open
 * instances are then cancelled; its results up to line n+1's start date stay with line n.
 */
export function supersedingLine(
  lines: readonly TreatmentLine[],
  line: TreatmentLine,
): TreatmentLine | undefined {
  return lines.find((l) => l.lineNumber === line.lineNumber + 1);
}
