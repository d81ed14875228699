import { ITEM_ACTIONS } from '@poems/domain';
import type { AcceptedAction } from './load';
import type { OwnedPostgres } from './postgres';

/**
 * What the database says about every item change. An item action writes, in one transaction, the
 * item (its version + 1), one history row and one `item.<action>` audit event; creation writes
 * one `create` history row. Every count below but `items` and `itemChanges` must be 0.
 */
export interface Consistency {
  readonly items: number;
  /** History rows of item changes (all but creation). */
  readonly itemChanges: number;
  /** Items whose version does not count their changes. */
  readonly versionMismatches: number;
  /** Changes in the history without their audit event. */
  readonly historyWithoutAudit: number;
  /** Item audit events without their history row. */
  readonly auditWithoutHistory: number;
  /** Items without exactly one creation row. */
  readonly creationMismatches: number;
  /** Workups whose denormalised outcome is not their latest stored evaluation's. */
  readonly evaluationMismatches: number;
}

const ACTIONS = ITEM_ACTIONS.map((action) => `item.${action}`);

/** Checks every item of the database (see {@link Consistency}). */
export async function checkConsistency(
  pg: OwnedPostgres,
): Promise<Consistency> {
  const [row] = await pg.query<Consistency>(
    `WITH history AS (
       SELECT item_id, 'item.' || action AS action, count(*) AS n
         FROM item_history WHERE action <> 'create' GROUP BY 1, 2),
     audit AS (
       SELECT entity_id::uuid AS item_id, action, count(*) AS n
         FROM audit_events
        WHERE entity_type = 'workup_item' AND action = ANY ($1::text[])
        GROUP BY 1, 2)
     SELECT
       (SELECT count(*) FROM workup_items)::int AS items,
       (SELECT coalesce(sum(n), 0) FROM history)::int AS "itemChanges",
       (SELECT count(*) FROM workup_items i
         WHERE i.version - 1 <> (SELECT count(*) FROM item_history h
                                  WHERE h.item_id = i.id AND h.action <> 'create'))::int
         AS "versionMismatches",
       (SELECT coalesce(sum(greatest(h.n - coalesce(a.n, 0), 0)), 0)
          FROM history h LEFT JOIN audit a USING (item_id, action))::int AS "historyWithoutAudit",
       (SELECT coalesce(sum(greatest(a.n - coalesce(h.n, 0), 0)), 0)
          FROM audit a LEFT JOIN history h USING (item_id, action))::int AS "auditWithoutHistory",
       (SELECT count(*) FROM workup_items i
         WHERE (SELECT count(*) FROM item_history h
                 WHERE h.item_id = i.id AND h.action = 'create') <> 1)::int AS "creationMismatches",
       (SELECT count(*) FROM workups w
         WHERE w.overall IS DISTINCT FROM (SELECT e.overall FROM workup_evaluations e
                                            WHERE e.workup_id = w.id
                                            ORDER BY e.id DESC LIMIT 1))::int
         AS "evaluationMismatches"`,
    [ACTIONS],
  );
  if (row === undefined) {
    throw new Error('The consistency query returned nothing');
  }
  return row;
}

/** The shape of the audit chain, read independently of the API's verifier. */
export interface ChainShape {
  readonly events: number;
  readonly unsealed: number;
  readonly distinctSeqs: number;
  readonly minSeq: number | null;
  readonly maxSeq: number | null;
}

export async function chainShape(pg: OwnedPostgres): Promise<ChainShape> {
  const [row] = await pg.query<ChainShape>(
    `SELECT count(*)::int AS events,
            (count(*) FILTER (WHERE chain_seq IS NULL))::int AS unsealed,
            count(DISTINCT chain_seq)::int AS "distinctSeqs",
            min(chain_seq)::int AS "minSeq",
            max(chain_seq)::int AS "maxSeq"
       FROM audit_events`,
  );
  if (row === undefined) {
    throw new Error('The chain query returned nothing');
  }
  return row;
}

/** How the actions clients saw accepted are reflected in the audit log and the item history. */
export interface AcceptedTrail {
  /** Accepted actions without exactly one audit event of their own request. */
  readonly lost: number;
  /** Accepted actions that did not move the item exactly one version on. */
  readonly notOneStep: number;
  /** Two accepted actions from the same item version: a lost update. */
  readonly twoWinnersOfOneVersion: number;
  /**
   * Item audit events of requests no client saw accepted: none without faults; after a crash or
   * an outage, a commit whose answer was lost on the way.
   */
  readonly unaccountedAuditEvents: number;
  /** Items whose manual history steps do not match the accepted actions (as above). */
  readonly historyMismatches: number;
}

/** Compares the accepted actions with the audit log and the item history. */
export async function acceptedTrail(
  pg: OwnedPostgres,
  accepted: readonly AcceptedAction[],
): Promise<AcceptedTrail> {
  const events = await pg.query<{ request_id: string; action: string }>(
    `SELECT request_id, action FROM audit_events
      WHERE entity_type = 'workup_item' AND action = ANY ($1::text[])
        AND NOT coalesce((details->>'automatic')::boolean, false)`,
    [ITEM_ACTIONS.map((action) => `item.${action}`)],
  );
  const eventCounts = new Map<string, number>();
  for (const event of events) {
    const key = `${event.request_id} ${event.action}`;
    eventCounts.set(key, (eventCounts.get(key) ?? 0) + 1);
  }
  const acceptedKeys = new Set(
    accepted.map((a) => `${a.requestId} item.${a.action}`),
  );
  const winners = new Set<string>();
  let twoWinnersOfOneVersion = 0;
  for (const a of accepted) {
    const version = `${a.workupId} ${a.itemKey} ${a.sentVersion}`;
    if (winners.has(version)) {
      twoWinnersOfOneVersion += 1;
    }
    winners.add(version);
  }
  const history = await pg.query<{
    workup_id: string;
    key: string;
    steps: number;
  }>(
    `SELECT i.workup_id, i.key, count(h.id)::int AS steps
       FROM workup_items i
       LEFT JOIN item_history h ON h.item_id = i.id AND h.action <> 'create'
             AND NOT coalesce((h.details->>'automatic')::boolean, false)
      GROUP BY i.workup_id, i.key`,
  );
  const acceptedPerItem = new Map<string, number>();
  for (const a of accepted) {
    const item = `${a.workupId} ${a.itemKey}`;
    acceptedPerItem.set(item, (acceptedPerItem.get(item) ?? 0) + 1);
  }
  return {
    lost: accepted.filter(
      (a) => eventCounts.get(`${a.requestId} item.${a.action}`) !== 1,
    ).length,
    notOneStep: accepted.filter((a) => a.newVersion !== a.sentVersion + 1)
      .length,
    twoWinnersOfOneVersion,
    unaccountedAuditEvents: [...eventCounts.keys()].filter(
      (key) => !acceptedKeys.has(key),
    ).length,
    historyMismatches: history.filter(
      (row) =>
        row.steps !== (acceptedPerItem.get(`${row.workup_id} ${row.key}`) ?? 0),
    ).length,
  };
}
