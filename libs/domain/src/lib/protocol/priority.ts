import type { ProtocolDefinition } from './protocol.types';

/**
 * The order in which a hematologist orders the workup (domain reference §2b, after the AJH
 * updates' initial evaluation): first line `vegf` (plasma), immunofixation, free light chains,
 * NCS/EMG, skeletal imaging and marrow; then the minor-criteria work-up; then the conditional
 * biopsies and the supporting studies. Version 1 of the catalog carries no priorities and stays
 * unchanged for the workups pinned to it, so its next tests use this table; an item a version
 * adds later and the table does not know goes last, in catalog order.
 */
export const ITEM_PRIORITY: readonly string[] = [
  'vegf',
  'serum_ife',
  'urine_ife',
  'serum_flc',
  'emg_ncs',
  'bone_imaging',
  'bone_marrow_biopsy',
  'cbc',
  'endocrine_panel',
  'body_imaging',
  'physical_exam',
  'fundoscopy',
  'lesion_biopsy',
  'lymph_node_biopsy',
  'spep',
  'neuro_exam',
  'echocardiogram',
  'pft',
];

/** Rank of an item in the order of next tests: lower comes first. */
export function itemPriority(
  protocol: ProtocolDefinition,
  key: string,
): number {
  const ranked = ITEM_PRIORITY.indexOf(key);
  if (ranked >= 0) {
    return ranked;
  }
  const inCatalog = protocol.items.findIndex((i) => i.key === key);
  return (
    ITEM_PRIORITY.length + (inCatalog >= 0 ? inCatalog : protocol.items.length)
  );
}
