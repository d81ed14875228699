import type { InterfaceMapping } from '@poems/domain';
import type { AuthenticatedUser } from '../auth/authenticated-user';

/** A laboratory interface: who may send results, as whom, and how its codes read. */
export interface LabInterface {
  readonly id: string;
  readonly name: string;
  /** MSH-3 / MSH-4 (first component) every message of this interface carries. */
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  /** The service identity (`interface:<name>`, role `interface`): actor of everything it does. */
  readonly userId: string;
  readonly enabled: boolean;
  /** IANA zone of its times without an offset; null: the clinic's. */
  readonly timeZone: string | null;
  /** Subject of the TLS client certificate bound to it (MLLP over TLS). */
  readonly tlsSubject: string | null;
  readonly mapping: InterfaceMapping;
  readonly version: number;
}

/** The user name of an interface's service identity. */
export const interfaceUsername = (name: string): string =>
  `interface:${name.toLowerCase()}`;

/** The actor of an interface's actions. */
export function interfaceActor(iface: LabInterface): AuthenticatedUser {
  return {
    id: iface.userId,
    username: interfaceUsername(iface.name),
    displayName: `Laboratory interface ${iface.name}`,
    role: 'interface',
  };
}

/** The SELECT list of an interface row (plain SQL, camel-cased), of a table alias. */
export function labInterfaceColumns(alias = 'lab_interfaces'): string {
  const a = `${alias}.`;
  return `${a}id, ${a}name, ${a}sending_application AS "sendingApplication",
    ${a}sending_facility AS "sendingFacility", ${a}user_id AS "userId", ${a}enabled,
    ${a}time_zone AS "timeZone", ${a}tls_subject AS "tlsSubject",
    ${a}mapping, ${a}version`;
}
