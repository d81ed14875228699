import { getProtocol, type ProtocolDefinition } from '@poems/domain';
import { type ProtocolRef } from '@poems/contract';

/**
 * The protocol version a workup names, from the catalog compiled into the app; null when this
 * build does not know it (a newer version than the app), in which case pages fall back to keys.
 */
export function protocolOf(ref: ProtocolRef): ProtocolDefinition | null {
  try {
    return getProtocol(ref.key, ref.version);
  } catch {
    return null;
  }
}
