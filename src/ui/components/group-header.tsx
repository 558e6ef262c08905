// A group header of the task list: label, task count and health.
import { Text } from 'ink';
import { memo } from 'react';
import type { Catalogue } from '../i18n/index.js';
import type { GroupHealth, TaskGroup } from '../state/task-groups.js';
import type { Tone } from '../theme.js';
import { useUi } from '../ui-context.js';

const HEALTH_TONE: Record<GroupHealth, Tone> = {
  ok: 'success',
  'some-failing': 'warning',
  'all-failing': 'error',
  'probably-down': 'error',
};

export function healthText(group: Pick<TaskGroup, 'health' | 'failing'>, t: Catalogue): string {
  switch (group.health) {
    case 'ok':
      return t.group.ok;
    case 'some-failing':
      return t.group.failing(group.failing);
    case 'all-failing':
      return t.group.allFailing;
    case 'probably-down':
      return t.group.probablyDown;
  }
}

export interface GroupHeaderProps {
  label: string;
  count: number;
  failing: number;
  health: GroupHealth;
}

/** Memoised on plain values: a group rebuilt with the same label, count and health does not re-render. */
export const GroupHeader = memo(function GroupHeader({ label, count, failing, health }: GroupHeaderProps) {
  const { t, theme } = useUi();
  const dot = ` ${theme.glyphs.dot} `;
  return (
    <Text wrap="truncate">
      <Text bold>{label}</Text>
      {dot}
      {t.group.tasks(count)}
      {dot}
      <Text color={theme.fg(HEALTH_TONE[health])} bold={health === 'probably-down'}>
        {healthText({ health, failing }, t)}
      </Text>
    </Text>
  );
});
