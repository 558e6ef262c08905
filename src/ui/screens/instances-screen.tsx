// `I`: every live syncdeck instance on the database (dashboards, headless engines, one-off
// runs), with who started it where and what it runs now; the selected one in full below.
import { Box, Text } from 'ink';
import { memo, useCallback, useMemo, useRef } from 'react';
import type { InstanceView, TaskView } from '../../engine/types.js';
import { oneLine } from '../../engine/text/sanitize.js';
import { ClockText } from '../components/clock-text.js';
import {
  instanceColumns,
  instanceDetailLines,
  instanceHeading,
  instanceRowText,
  type InstanceColumns,
  type InstanceTextContext,
} from '../components/instance-lines.js';
import { useClock, useClockText } from '../hooks/clock.js';
import { useBindings } from '../hooks/use-bindings.js';
import { useInstancesFeed } from '../hooks/use-instances-feed.js';
import type { Movement } from '../state/scroll.js';
import { keepInView } from '../state/scroll.js';
import { selectedInstanceIndex, wantedGone, type InstancesScreenState } from '../state/instances-state.js';
import { truncate } from '../text/cells.js';
import { useUi } from '../ui-context.js';
import { NO_OFFER, type ScreenProps } from './screen-props.js';

/** Lines of the details of the selected instance (the rule and four lines; more when they wrap). */
const DETAIL_LINES = 5;
/** The title and the column headings. */
const CHROME = 2;

const InstanceRow = memo(function InstanceRow(props: {
  instance: InstanceView;
  selected: boolean;
  columns: InstanceColumns;
  ctx: InstanceTextContext;
}) {
  const { instance, selected, columns, ctx } = props;
  const { theme } = useUi();
  const compute = useCallback(
    (now: number) => instanceRowText(instance, selected, columns, ctx, now),
    [instance, selected, columns, ctx],
  );
  return (
    <Text
      wrap="truncate"
      inverse={selected}
      color={instance.running.length > 0 && !selected ? theme.fg('running') : undefined}
    >
      <ClockText compute={compute} />
    </Text>
  );
});

function InstanceDetails({
  instance,
  width,
  ctx,
}: {
  instance: InstanceView;
  width: number;
  ctx: InstanceTextContext;
}) {
  const { theme } = useUi();
  const clock = useClock();
  // Re-rendered on a tick only when a line would read differently ("last heartbeat 3s ago").
  const text = useClockText((now) =>
    instanceDetailLines(instance, width, ctx, now)
      .map((l) => l.text)
      .join('\n'),
  );
  const lines = useMemo(
    () => instanceDetailLines(instance, width, ctx, clock.now()),
    [text, instance, width, ctx, clock],
  );
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" color={theme.fg(line.tone)}>
          {line.text || ' '}
        </Text>
      ))}
    </>
  );
}

export function InstancesScreen({
  screen,
  tasks,
  frame,
  dispatch,
}: ScreenProps & { screen: InstancesScreenState; tasks: readonly TaskView[] }) {
  const { engine, t, theme } = useUi();
  useInstancesFeed(engine, dispatch);
  const list = screen.instances ?? [];
  const names = useMemo(() => new Map(tasks.map((task) => [task.id, task.name])), [tasks]);
  const ctx: InstanceTextContext = useMemo(
    () => ({ t, glyphs: theme.glyphs, taskName: (id: string) => names.get(id) ?? id }),
    [t, theme, names],
  );
  const columns = useMemo(() => instanceColumns(frame.width, t, list), [frame.width, t, list]);
  const selectedIndex = selectedInstanceIndex(screen);
  const selected = list[selectedIndex] ?? null;
  const gone = wantedGone(screen);
  const rows = Math.max(1, frame.height - CHROME - DETAIL_LINES - (gone ? 1 : 0));
  const offsetRef = useRef(0);
  const offset = keepInView(offsetRef.current, selectedIndex, selectedIndex, rows, list.length);
  offsetRef.current = offset;

  const move = (movement: Movement) => () => dispatch({ type: 'instances-move', movement, page: rows });
  useBindings('instances', NO_OFFER, {
    'move-up': move('up'),
    'move-down': move('down'),
    'page-up': move('page-up'),
    'page-down': move('page-down'),
    first: move('first'),
    last: move('last'),
    back: () => dispatch({ type: 'back' }),
    help: () => dispatch({ type: 'open', screen: { kind: 'help', scroll: 0 } }),
  });

  const dot = ` ${theme.glyphs.dot} `;
  const title = [t.instances.title, ...(screen.instances ? [t.instances.live(list.length)] : [])].join(dot);
  return (
    <Box flexDirection="column" height={frame.height} width={frame.width} overflow="hidden">
      <Text bold color={theme.fg('accent')}>
        {truncate(`${theme.glyphs.focus} ${title}`, frame.width, theme.glyphs.ellipsis)}
      </Text>
      <Text wrap="truncate" color={theme.fg('muted')} underline={!theme.color}>
        {instanceHeading(columns, t, theme.glyphs)}
      </Text>
      {gone && screen.wanted && (
        <Text wrap="truncate" color={theme.fg('warning')}>
          {t.instances.gone(oneLine(screen.wanted.label))}
        </Text>
      )}
      {screen.error && (
        <Text color={theme.fg('error')}>
          {truncate(t.instances.failed(oneLine(screen.error)), frame.width, theme.glyphs.ellipsis)}
        </Text>
      )}
      {!screen.instances && !screen.error && <Text color={theme.fg('muted')}>{t.instances.loading}</Text>}
      {screen.instances && list.length === 0 && <Text>{t.instances.empty}</Text>}
      <Box flexDirection="column" height={Math.min(rows, Math.max(1, list.length))} overflow="hidden">
        {list.slice(offset, offset + rows).map((instance) => (
          <InstanceRow
            key={instance.id}
            instance={instance}
            selected={instance.id === selected?.id}
            columns={columns}
            ctx={ctx}
          />
        ))}
      </Box>
      {selected && <InstanceDetails instance={selected} width={frame.width} ctx={ctx} />}
    </Box>
  );
}
