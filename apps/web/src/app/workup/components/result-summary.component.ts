import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import {
  displayQuantity,
  interpret,
  type Interpretation,
  type ResultInput,
} from '@poems/domain';
import {
  AXIS_LABELS,
  AXIS_STATE_LABELS,
  CONFOUNDER_LABELS,
  INTERPRETATION_LABELS,
  LESION_LABELS,
  MODALITY_LABELS,
  SPECIMEN_LABELS,
  signLabel,
} from '../util/workup-labels';

const REPORT_EXCERPT = 240;

interface ValueLine {
  readonly name: string;
  readonly value: string;
  readonly range: string | null;
  readonly flag: Interpretation | undefined;
}

/** A recorded result in a few lines: values with units and flags, structured fields, the report. */
@Component({
  selector: 'pw-result-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (values().length > 0) {
      <ul class="values">
        @for (line of values(); track $index) {
          <li>
            <span class="values__name">{{ line.name }}</span>
            <span class="values__value">{{ line.value }}</span>
            @if (line.range; as range) {
              <span class="values__range">(ref. {{ range }})</span>
            }
            @if (line.flag; as flag) {
              <span
                class="flag"
                [class]="'flag flag--' + flag"
                aria-hidden="true"
                >{{ flag }}</span
              >
              <span class="visually-hidden">{{ flagLabel[flag] }}</span>
            }
          </li>
        }
      </ul>
    }
    @if (facts().length > 0) {
      <dl class="facts">
        @for (fact of facts(); track fact.label) {
          <div>
            <dt>{{ fact.label }}</dt>
            <dd>{{ fact.text }}</dd>
          </div>
        }
      </dl>
    }
    @if (report(); as report) {
      <p class="report">
        <span class="report__label">Report:</span> {{ report }}
      </p>
    }
  `,
  styleUrl: './result-summary.component.scss',
})
export class ResultSummaryComponent {
  readonly result = input.required<ResultInput>();

  protected readonly flagLabel = INTERPRETATION_LABELS;

  protected readonly values = computed<ValueLine[]>(() =>
    (this.result().values ?? []).map((v) => ({
      name: v.name,
      value: displayQuantity(v.value, v.unit),
      range:
        v.low === undefined && v.high === undefined
          ? null
          : `${v.low ?? '…'}–${v.high ?? '…'}`,
      flag: interpret(v),
    })),
  );

  protected readonly facts = computed(() => {
    const r = this.result();
    const facts: { label: string; text: string }[] = [];
    if (r.specimen) {
      facts.push({ label: 'Specimen', text: SPECIMEN_LABELS[r.specimen] });
    }
    if (r.confounders && r.confounders.length > 0) {
      facts.push({
        label: 'Confounders (may raise VEGF)',
        text: r.confounders.map((c) => CONFOUNDER_LABELS[c]).join(', '),
      });
    }
    if (r.heavyChain !== undefined || r.lightChain !== undefined) {
      facts.push({ label: 'Monoclonal protein', text: chainsText(r) });
    }
    if (r.axes) {
      const axes = Object.entries(r.axes) as [
        keyof typeof AXIS_LABELS,
        keyof typeof AXIS_STATE_LABELS,
      ][];
      facts.push({
        label: 'Endocrine axes',
        text: axes
          .map(
            ([axis, state]) =>
              `${AXIS_LABELS[axis]}: ${AXIS_STATE_LABELS[state].toLowerCase()}`,
          )
          .join('; '),
      });
    }
    if (r.modality) {
      facts.push({ label: 'Modality', text: MODALITY_LABELS[r.modality] });
    }
    if (r.lesions) {
      facts.push({ label: 'Bone lesions', text: LESION_LABELS[r.lesions] });
    }
    if (r.signs) {
      facts.push({
        label: 'Signs found',
        text: r.signs.length === 0 ? 'None' : r.signs.map(signLabel).join(', '),
      });
    }
    return facts;
  });

  protected readonly report = computed(() => {
    const report = this.result().report?.trim();
    if (!report) {
      return null;
    }
    return report.length > REPORT_EXCERPT
      ? `${report.slice(0, REPORT_EXCERPT).trimEnd()}…`
      : report;
  });
}

function chainsText(r: ResultInput): string {
  const light =
    r.lightChain === 'lambda' ? 'λ' : r.lightChain === 'kappa' ? 'κ' : null;
  if (r.heavyChain === 'none' || r.heavyChain === undefined) {
    return light === null ? 'None detected' : `${light} light chain only`;
  }
  return light === null ? r.heavyChain : `${r.heavyChain} ${light}`;
}
