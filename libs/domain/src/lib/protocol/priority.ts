import type { ProtocolDefinition } from './protocol.types';

/**
 * Rank of an item in the order of next tests, lower first: the item's `priority` in its protocol
 * version (domain reference §2b). A key the version does not know goes last.
 */
export function itemPriority(protocol: ProtocolDefinition, key: string): number {
  return (
    protocol.items.find((i) => i.key === key)?.priority ??
    Number.MAX_SAFE_INTEGER
  );
}
