// The header: who is looking (user, roles), which instance, which database and config,
// how many tasks fail; the demo banner; why nothing is visible for an unknown user; and a
// config that differs from the fleet's or could not be reloaded (docs/config.md).
import { Text } from 'ink';
import { memo } from 'react';
import type { EngineApi } from '../../engine/api.js';
import type { ConfigStatus } from '../../engine/types.js';
import { oneLine } from '../../engine/text/sanitize.js';
import type { AlertTrouble } from '../../engine/types.js';
import { formatClock, formatDayClock } from '../format.js';
import { useClock } from '../hooks/clock.js';
import { cellWidth, truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';

/** The config lines of the header: the file could not be reloaded; it differs from the fleet's. */
function configLines(config: ConfigStatus | null): { error: boolean; differs: boolean; restart: boolean } {
  return {
    error: Boolean(config?.error?.length),
    differs: Boolean(config?.fleet && config.differs.length > 0),
    restart: Boolean(config?.restartNeeded),
  };
}

export function headerLineCount(
  engine: EngineApi,
  storageError: string | null,
  clockSkewMs: number | null = null,
  alertTrouble: readonly AlertTrouble[] = [],
  config: ConfigStatus | null = null,
): number {
  const lines = configLines(config);
  return (
    2 +
    (engine.location.demo ? 1 : 0) +
    (engine.identity.known ? 0 : 1) +
    (storageError ? 1 : 0) +
    (clockSkewMs !== null ? 1 : 0) +
    (alertTrouble.length > 0 ? 1 : 0) +
    (lines.error ? 1 : 0) +
    (lines.differs ? 1 : 0) +
    (lines.restart ? 1 : 0)
  );
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
  config = null,
}: {
  failing: number;
  width: number;
  storageError: string | null;
  clockSkewMs?: number | null;
  /** Alert channels whose delivery fails: one line naming them. */
  alertTrouble?: readonly AlertTrouble[];
  config?: ConfigStatus | null;
}) {
  const { engine, t, theme, starting } = useUi();
  const now = useClock().now();
  const { identity, instance, location } = engine;
  const dot = ` ${theme.glyphs.dot} `;
  const cut = (text: string) => truncate(text, width, theme.glyphs.ellipsis);
  const who =
    identity.user === identity.osUser
      ? t.header.user(oneLine(identity.user), identity.roles.map(oneLine).join(', '))
      : t.header.user(
          t.header.viewingAs(oneLine(identity.osUser), oneLine(identity.user)),
          identity.roles.map(oneLine).join(', '),
        );
  const failingText = failing > 0 ? t.header.failing(failing) : t.header.allOk;
  const rest = dot + [who, starting ? t.header.starting : t.header.instance(oneLine(instance.id))].join(dot);
  const where = [
    t.header.database(oneLine(location.database)),
    t.header.config(location.demo ? t.header.demoConfig : oneLine(location.config)),
  ].join(dot);
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
      {config && configLines(config).error && (
        <Text color={theme.fg('error')} bold>
          {cut(t.header.configError(oneLine(config.error![0] ?? ''), config.error!.length - 1))}
        </Text>
      )}
      {config?.restartNeeded && (
        <Text color={theme.fg('warning')} bold>
          {cut(
            t.header.restartNeeded(
              config.restartNeeded.fields.map(oneLine).join(', '),
              oneLine(config.file ?? location.config),
              oneLine(config.restartNeeded.inUse),
            ),
          )}
        </Text>
      )}
      {config?.fleet && configLines(config).differs && (
        <Text color={theme.fg('error')} bold>
          {cut(
            t.header.configDiffers(
              oneLine(config.fleet.writtenBy),
              formatDayClock(config.fleet.writtenAt, t.time),
              t.header.tasksDiffer(config.differs.length, config.differs.map(oneLine).join(', ')),
            ),
          )}
        </Text>
      )}
      {alertTrouble.length > 0 && (
        <Text color={theme.fg('error')} bold>
          {cut(
            alertTrouble
              .map((a) =>
                t.header.alertTrouble(oneLine(a.channel), formatClock(a.failingSince, now, t.time), a.undelivered),
              )
              .join(dot),
          )}
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
