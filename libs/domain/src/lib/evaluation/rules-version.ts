/**
 * Version of the evaluation rules (domain reference §5, "Rules versions"). The protocol version
 * says which catalog and thresholds a workup follows; this says which code judged it. Bump it with
 * every change to the evaluation that can change a stored verdict (a criterion's status, the
 * overall result or the flags): at the next start every open workup is re-evaluated once under the
 * new rules, and closed workups keep the verdict — and the rules version — they were closed with.
 */
/*
 * History: 1 — first rules; 2 — "indeterminate" overall result (an uninterpretable finding never
 * makes the criteria "not met"), Castleman pending while lymphadenopathy can still be found, the
 * Castleman-variant flag only once the clone is not met or indeterminate, the IgM review flag.
 */
export const RULES_VERSION = 2;
