/**
 * How much each check does: every one is bounded by a count AND a time, so that the whole suite
 * stays within a few minutes on a 2-core CI machine. Raise them for longer local runs, e.g.
 * `RELIABILITY_LOAD_SECONDS=300 RELIABILITY_FUZZ_CASES=50000 RELIABILITY_FUZZ_SECONDS=900 npm run test:reliability`.
 */
export const BUDGET = {
  /** Simulated users of the load check. */
  users: whole('RELIABILITY_USERS', 100),
  /** How long the load check runs… */
  loadSeconds: whole('RELIABILITY_LOAD_SECONDS', 25),
  /** …unless it has sent this many requests first. */
  loadRequests: whole('RELIABILITY_LOAD_REQUESTS', 50_000),
  /** Simulated users while the database is stopped or the API killed. */
  faultUsers: whole('RELIABILITY_FAULT_USERS', 30),
  /** How long PostgreSQL stays down in the outage check. */
  outageSeconds: whole('RELIABILITY_OUTAGE_SECONDS', 6),
  /** Fuzz cases tried… */
  fuzzCases: whole('RELIABILITY_FUZZ_CASES', 3_000),
  /** …within this time at most. */
  fuzzSeconds: whole('RELIABILITY_FUZZ_SECONDS', 50),
  /** Conflict rounds of the two-replica check. */
  replicaRounds: whole('RELIABILITY_REPLICA_ROUNDS', 20),
  /**
   * Every request must be answered within this many milliseconds, also (above all) while the
   * database is down: a request still open after it counts as hanging.
   */
  answerWithinMs: whole('RELIABILITY_ANSWER_WITHIN_MS', 5_000),
  /**
   * How long a set-up step (creating the accounts, patients and workups a check then works on) may
   * take. Not a check: on a machine at load 30+, hashing a new account's password alone took more
   * than the 5 s answer bound, and the check failed before it began.
   */
  setUpWithinMs: whole('RELIABILITY_SET_UP_WITHIN_MS', 60_000),
};

function whole(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive whole number`);
  }
  return value;
}
