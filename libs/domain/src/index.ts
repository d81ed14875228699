/**
 * The POEMS workup domain: criteria catalog, evaluation, lifecycle, permissions and the due-date
 * rule. Pure TypeScript — no framework, no I/O — shared by the API and the web app. The HTTP
 * contract built on these types lives in @poems/contract.
 */
export * from './lib/errors';
export * from './lib/access/permissions';
export * from './lib/access/sso-role';
export * from './lib/patient/patient';
export * from './lib/protocol/criteria';
export * from './lib/protocol/signs';
export * from './lib/protocol/protocol.types';
export * from './lib/protocol/poems-dispenzieri.v1';
export * from './lib/protocol/poems-dispenzieri.v2';
export * from './lib/protocol/registry';
export * from './lib/protocol/priority';
export * from './lib/workup/item-status';
export * from './lib/workup/findings';
export * from './lib/workup/result';
export * from './lib/workup/result-measures';
export * from './lib/workup/result-validation';
export * from './lib/workup/result-content';
export * from './lib/workup/lifecycle';
export * from './lib/workup/item-action';
export * from './lib/workup/sign-off';
export * from './lib/workup/upgrade';
export * from './lib/workup/item-history';
export * from './lib/workup/readable-audit';
export * from './lib/inference/infer-findings';
export * from './lib/inference/units';
export * from './lib/lab/ucum';
export * from './lib/lab/unit-text';
export * from './lib/lab/lab-profile';
export * from './lib/lab/unit-display';
export * from './lib/lab/lab-codes';
export * from './lib/lab/lab-units';
export * from './lib/lab/inbound.types';
export * from './lib/lab/coded-answers';
export * from './lib/lab/reference-range';
export * from './lib/lab/patient-match';
export * from './lib/lab/inbound-plan';
export * from './lib/evaluation/evaluation.types';
export * from './lib/evaluation/evaluate';
export * from './lib/evaluation/explanation';
export * from './lib/evaluation/rules-version';
export * from './lib/schedule/due-date';
export * from './lib/schedule/clinic-time';
export * from './lib/schedule/worklist';
export * from './lib/schedule/entry-warnings';
export * from './lib/followup';
