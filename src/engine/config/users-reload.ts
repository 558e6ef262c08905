// A reload's `users`: who changed, and what this instance's user may see and run now. The
// roles and permissions of the new file apply at once (docs/ARCHITECTURE.md, Visibility
// and permissions; Config).
import type { LoadedConfig } from '../../config/load.js';
import { canSee, SETTINGS_PERMISSION } from '../identity.js';
import type { Identity } from '../types.js';

type User = LoadedConfig['users'][number];

const key = (u: User) => JSON.stringify({ roles: [...u.roles].sort(), permissions: [...u.permissions].sort() });

/** Names of the users added, removed, or given other roles or permissions. Sorted. */
export function changedUsers(before: readonly User[], after: readonly User[]): string[] {
  const old = new Map(before.map((u) => [u.name, key(u)]));
  const names = new Set<string>();
  for (const u of after) if (old.get(u.name) !== key(u)) names.add(u.name);
  const now = new Set(after.map((u) => u.name));
  for (const u of before) if (!now.has(u.name)) names.add(u.name);
  return [...names].sort();
}

/**
 * The same person under the new `users`. An admin viewing as another user (`--user`) whose
 * own user lost integration-settings is back to their own user; a user no longer in the
 * file sees nothing, as at start.
 */
export function identityUnder(config: Pick<LoadedConfig, 'users'>, current: Identity): Identity {
  const own = config.users.find((u) => u.name === current.osUser);
  const viewingAs = current.user !== current.osUser && Boolean(own?.permissions.includes(SETTINGS_PERMISSION));
  const name = viewingAs ? current.user : current.osUser;
  const user = config.users.find((u) => u.name === name);
  return {
    user: name,
    osUser: current.osUser,
    roles: user ? [...user.roles] : [],
    permissions: user ? [...user.permissions] : [],
    settings: Boolean(user?.permissions.includes(SETTINGS_PERMISSION)),
    known: Boolean(user),
  };
}

export function sameIdentity(a: Identity, b: Identity): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type RoleOf = { id: string; role: string };

/** Tasks the user saw before the reload (their old role, their old roles) and does not see after it. Sorted. */
export function hiddenTasks(
  before: { identity: Identity; tasks: readonly RoleOf[] },
  after: { identity: Identity; tasks: readonly RoleOf[] },
): string[] {
  const seen = new Set(before.tasks.filter((t) => canSee(before.identity, t)).map((t) => t.id));
  return after.tasks
    .filter((t) => seen.has(t.id) && !canSee(after.identity, t))
    .map((t) => t.id)
    .sort();
}
