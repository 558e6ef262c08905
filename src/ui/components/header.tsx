// The header: who is looking (user, roles), which instance, which database and config,
// how many tasks fail; the demo banner; and why nothing is visible for an unknown user.
import { Text } from 'ink';
import { memo } from 'react';
import type { EngineApi } from '../../engine/api.js';
import { oneLine } from '../../engine/text/sanitize.js';
import type { AlertTrouble } from '../../engine/types.js';
import { formatClock } from '../format.js';
import { useClock } from '../hooks/clock.js';
import { cellWidth, truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';

export function headerLineCount(engine: EngineApi, storageError: string | null, clockSkewMs: number | null = null, alertTrouble: readonly AlertTrouble[] = []): number {
  return 2 + (engine.location.demo ? 1 : 0) + (engine.identity.known ? 0 : 1) + (storageError ? 1 : 0) + (clockSkewMs !== null ? 1 : 0) + (alertTrouble.length > 0 ? 1 : 0);
}

function skewAmount(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  return seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
}

export const Header = memo(function Header({
  failing,
  width,
  storageError,
  clockSkewMs = null,
  alertTrouble = [],
}: {
  failing: number;
  width: number;
  storageError: string | null;
  clockSkewMs?: number | null;
  /** Alert channels whose delivery fails: one line naming them. */
  alertTrouble?: readonly AlertTrouble[];
}) {
  const { engine, t, theme } = useUi();
  const now = useClock().now();
  const { identity, instance, location } = engine;
  const dot = ` ${theme.glyphs.dot} `;
  const cut = (text: string) => truncate(text, width, theme.glyphs.ellipsis);
  const who =
    identity.user === identity.osUser
      ? t.header.user(oneLine(identity.user), identity.roles.map(oneLine).join(', '))
      : t.header.user(t.header.viewingAs(oneLine(identity.osUser), oneLine(identity.user)), identity.roles.map(oneLine).join(', '));
  const failingText = failing > 0 ? t.header.failing(failing) : t.header.allOk;
  const rest = dot + [who, t.header.instance(oneLine(instance.id))].join(dot);
  const where = [t.header.database(oneLine(location.database)), t.header.config(location.demo ? t.header.demoConfig : oneLine(location.config))].join(dot);
  const lead = `${t.header.app}${dot}`;
  return (
    <>
      <Text wrap="truncate">
        <Text bold>{lead}</Text>
        <Text color={theme.fg(failing > 0 ? 'error' : 'success')} bold={failing > 0}>
          {failingText}
        </Text>
        {truncate(rest, Math.max(0, width - cellWidth(lead + failingText)), theme.glyphs.ellipsis)}
      </Text>
      <Text color={theme.fg('muted')}>{cut(where)}</Text>
      {location.demo && (
        <Text color={theme.fg('banner')} inverse={theme.color} bold>
          {cut(t.header.demoBanner)}
        </Text>
      )}
      {!identity.known && (
        <Text color={theme.fg('error')} bold>
          {cut(t.header.unknownUser(oneLine(identity.user)))}
        </Text>
      )}
      {clockSkewMs !== null && (
        <Text color={theme.fg('error')} bold>
          {cut(t.header.clockSkew(skewAmount(clockSkewMs), clockSkewMs > 0))}
        </Text>
      )}
      {alertTrouble.length > 0 && (
        <Text color={theme.fg('error')} bold>
          {cut(alertTrouble.map((a) => t.header.alertTrouble(oneLine(a.channel), formatClock(a.failingSince, now, t.time), a.undelivered)).join(dot))}
        </Text>
      )}
      {storageError && (
        <Text color={theme.fg('error')} bold>
          {cut(t.header.storageError(oneLine(storageError)))}
        </Text>
      )}
    </>
  );
});
