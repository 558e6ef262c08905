// Who is asking, and what they may see and do (docs/ARCHITECTURE.md, Visibility and permissions).
import type { LoadedConfig } from '../config/load.js';
import { EngineError, type Identity } from './types.js';

export const SETTINGS_PERMISSION = 'integration-settings';

/**
 * The OS login decides; `--user NAME` switches user only for someone whose own user holds
 * integration-settings (an admin checking what a role sees).
 */
export function resolveIdentity(config: Pick<LoadedConfig, 'users'>, osUser: string, requestedUser?: string): Identity {
  const own = config.users.find((u) => u.name === osUser);
  let name = osUser;
  if (requestedUser !== undefined && requestedUser !== osUser) {
    if (!own?.permissions.includes(SETTINGS_PERMISSION)) {
      throw new EngineError(
        'forbidden',
        `--user ${requestedUser}: only a user with the ${SETTINGS_PERMISSION} permission may act as another user (you are ${osUser})`,
      );
    }
    if (!config.users.some((u) => u.name === requestedUser)) {
      throw new EngineError(
        'invalid',
        `--user ${requestedUser}: no such user in the config (users: ${config.users.map((u) => u.name).join(', ') || 'none'})`,
      );
    }
    name = requestedUser;
  }
  const user = config.users.find((u) => u.name === name);
  return {
    user: name,
    osUser,
    roles: user ? [...user.roles] : [],
    permissions: user ? [...user.permissions] : [],
    settings: Boolean(user?.permissions.includes(SETTINGS_PERMISSION)),
    known: Boolean(user),
  };
}

export function canSee(identity: Identity, task: { role: string }): boolean {
  return identity.settings || identity.roles.includes(task.role);
}

/** The task runs automatically on this user's instances only under one of their roles. */
export function runsAutomatically(identity: Identity, task: { role: string }): boolean {
  return identity.roles.includes(task.role);
}

export function unknownUserHint(identity: Identity): string | null {
  if (identity.known) return null;
  return `user "${identity.user}" is not in the config's users, so no tasks are shown; ask an admin to add you with your roles`;
}
