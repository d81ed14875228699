import {
  allowedActions,
  itemActionPermission,
  may,
  type ItemAction,
  type Role,
} from '@poems/domain';
import { type WorkupItemView } from '@poems/contract';

/**
 * The actions a role may take on an item now: what the lifecycle allows in its state, filtered
 * by the permission table. Nothing on a closed workup, nothing for a signed-out user.
 */
export function itemActionsFor(
  role: Role | null,
  item: Pick<WorkupItemView, 'status' | 'active' | 'required'>,
  workupOpen: boolean,
): ItemAction[] {
  if (role === null || !workupOpen) {
    return [];
  }
  return allowedActions({
    status: item.status,
    active: item.active,
    conditional: !item.required,
  }).filter((action) => may(role, itemActionPermission(action)));
}
