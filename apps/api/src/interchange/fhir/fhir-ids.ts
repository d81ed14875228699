import { createHash } from 'node:crypto';

/** Namespace of the export's derived ids: a random UUID, fixed once and never to change. */
const NAMESPACE = Buffer.from('6f1b3f0e5f434c399a570a5d9b1a7c21', 'hex');

/**
 * A name-based (version 5, RFC 9562) UUID: the same name always gives the same id, so exporting
 * a workup twice yields resources with the same ids, and a receiver can update instead of
 * duplicating. Used for resources that have no row of their own (a Task, an Observation per
 * value); no UUID package is a direct dependency, and this is all of v5.
 */
export function stableUuid(name: string): string {
  const bytes = createHash('sha1')
    .update(NAMESPACE)
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The `urn:uuid:` full URL of a bundle entry, and what references to it say. */
export function urnOf(id: string): string {
  return `urn:uuid:${id}`;
}
