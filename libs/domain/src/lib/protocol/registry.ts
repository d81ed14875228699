import { DomainError } from '../errors';
import type { CatalogItem, ProtocolDefinition } from './protocol.types';
import { POEMS_DISPENZIERI_V1 } from './poems-dispenzieri.v1';
import { POEMS_DISPENZIERI_V2 } from './poems-dispenzieri.v2';

/**
 * Every protocol version ever published, oldest first. Versions are never edited once released:
 * stored workups name the version they were opened with and are evaluated against it forever.
 */
export const PROTOCOLS: readonly ProtocolDefinition[] = [
  POEMS_DISPENZIERI_V1,
  POEMS_DISPENZIERI_V2,
];

/** The protocol new workups are opened with. */
export const DEFAULT_PROTOCOL_KEY = 'poems-dispenzieri';

/**
 * A protocol by key, at the given version or the newest one in force.
 * @throws DomainError `not_found` for an unknown key or version.
 */
export function getProtocol(key: string, version?: number): ProtocolDefinition {
  const versions = PROTOCOLS.filter((p) => p.key === key);
  const found =
    version === undefined
      ? versions.reduce<ProtocolDefinition | undefined>(
          (newest, p) => (newest === undefined || p.version > newest.version ? p : newest),
          undefined,
        )
      : versions.find((p) => p.version === version);
  if (!found) {
    throw new DomainError('not_found', 'Unknown protocol or protocol version.', { key, version });
  }
  return found;
}

/**
 * A catalog item of a protocol version.
 * @throws DomainError `not_found` when the protocol has no such item.
 */
export function getCatalogItem(protocol: ProtocolDefinition, itemKey: string): CatalogItem {
  const item = protocol.items.find((i) => i.key === itemKey);
  if (!item) {
    throw new DomainError('not_found', 'The workup has no such item.', { itemKey });
  }
  return item;
}
