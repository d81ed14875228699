/*
 * The POEMS follow-up (poems-followup.md): staging and risk at diagnosis, treatment lines, response
 * per domain at fixed time points, and the follow-up schedule. Pure; versioned as protocol
 * `poems-followup`.
 */
export * from './calendar';
export * from './protocol/evidence';
export * from './protocol/followup-protocol.types';
export * from './protocol/rule-basis';
export * from './protocol/poems-followup.v1';
export * from './protocol/registry';
export * from './treatment/treatment-line.types';
export * from './treatment/treatment-line';
export * from './results/followup-result';
export * from './results/readings';
export * from './results/validate-followup-result';
export * from './staging/staging.types';
export * from './staging/staging';
export * from './risk/risk.types';
export * from './risk/risk';
export * from './response/response-vocabulary';
export * from './response/response.types';
export * from './response/time-points';
export * from './response/line-timeline';
export * from './response/domain-engine';
export * from './response/vegf.domain';
export * from './response/hematologic.domain';
export * from './response/radiographic.domain';
export * from './response/neurological.domain';
export * from './response/summary';
export * from './response/relapse-event';
export * from './schedule/followup-schedule';
export * from './evaluate-followup';
