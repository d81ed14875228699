import type { Role, Sex } from '@poems/domain';

const ROLE_LABELS: Record<Role, string> = {
  hematologist: 'Hematologist',
  coordinator: 'Coordinator',
  auditor: 'Auditor',
  admin: 'Administrator',
  interface: 'Laboratory interface',
};

/** A role as people read it. */
export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

const SEX_LABELS: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Unknown',
};

/** A recorded sex as people read it. */
export function sexLabel(sex: Sex): string {
  return SEX_LABELS[sex];
}

/** `snake_case` or `kebab-case` as a lower-case phrase. */
export function humanize(key: string): string {
  return key.replace(/[_-]+/g, ' ');
}

/** The first letter in upper case. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
