/** Values of the staging form, as typed. */
export interface StagingFormValue {
  readonly boneLesionCount: string;
  readonly marrowClone: string;
  readonly extramedullaryPlasmacytomaCount: string;
}

/** Values of the risk form, as typed: one date for every observation. */
export interface RiskFormValue {
  readonly date: string;
  readonly pleuralEffusion: string;
  readonly pasp: string;
  readonly egfr: string;
  readonly egfrMethod: string;
  readonly albumin: string;
}

/** Values of the treatment line form, as typed. */
export interface LineFormValue {
  readonly intent: string;
  readonly regimenClass: string;
  readonly regimenText: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly transplantDate: string;
}

/** The staging request: a blank field is left out, so it is not recorded as known. */
export function stagingRequest(f: StagingFormValue): Record<string, unknown> {
  const count = f.boneLesionCount.trim();
  return {
    ...(count && {
      boneLesionCount: count === 'diffuse' ? 'diffuse' : Number(count),
    }),
    ...(f.marrowClone && { marrowClone: f.marrowClone }),
    ...(f.extramedullaryPlasmacytomaCount && {
      extramedullaryPlasmacytomaCount: Number(
        f.extramedullaryPlasmacytomaCount,
      ),
    }),
  };
}

/** The risk request: one observation per filled field. */
export function riskRequest(f: RiskFormValue): {
  observations: Record<string, unknown>[];
} {
  const date = f.date;
  const observations: Record<string, unknown>[] = [];
  if (f.pleuralEffusion) {
    observations.push({
      kind: 'pleural_effusion',
      date,
      present: f.pleuralEffusion === 'present',
    });
  }
  if (f.pasp) {
    observations.push({ kind: 'pasp', date, mmHg: Number(f.pasp) });
  }
  if (f.egfr) {
    observations.push({
      kind: 'egfr',
      date,
      value: Number(f.egfr),
      ...(f.egfrMethod && { method: f.egfrMethod }),
    });
  }
  if (f.albumin) {
    observations.push({ kind: 'albumin', date, gPerDl: Number(f.albumin) });
  }
  return { observations };
}

/** The new treatment line request; an end date means the line was completed. */
export function lineRequest(f: LineFormValue): Record<string, unknown> {
  return {
    intent: f.intent,
    regimenClass: f.regimenClass,
    startDate: f.startDate,
    ...(f.regimenText && { regimenText: f.regimenText }),
    ...(f.endDate && { endDate: f.endDate, stopReason: 'completed' }),
    ...(f.transplantDate && { transplantDate: f.transplantDate }),
  };
}
