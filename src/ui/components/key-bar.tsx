// The bottom line: the keys of the current screen that are offered now, generated from
// the keymap (a refused action is not offered). Too long, it drops keys from the end: the
// others first, then the reference page's own actions; help and quit always stay.
import { Text } from 'ink';
import { memo } from 'react';
import type { Catalogue } from '../i18n/index.js';
import { offeredBindings, type KeyContext } from '../keymap.js';
import type { OfferContext } from '../refusals.js';
import { cellWidth, truncate } from '../text/cells.js';
import type { Theme } from '../theme.js';
import { useUi } from '../ui-context.js';
import { keyLabel } from './key-label.js';

export interface KeyBarItem {
  keys: string;
  text: string;
  /** Dropped last of all: never (help, quit), or only after every other key (the page's own actions). */
  keep: 'always' | 'page' | false;
}

export function keyBarItems(context: KeyContext, offer: OfferContext, t: Catalogue, theme: Theme): KeyBarItem[] {
  const items: KeyBarItem[] = [];
  let moveShown = false;
  for (const binding of offeredBindings(context, offer)) {
    if (binding.barGroup === 'move') {
      if (moveShown) continue;
      moveShown = true;
      items.push({ keys: `${theme.glyphs.up}${theme.glyphs.down}`, text: t.actions['move-up'].bar, keep: false });
      continue;
    }
    const text = binding.action === 'pause' && offer.task?.paused ? t.resumeBar : t.actions[binding.action].bar;
    const first = binding.keys[0] ?? '';
    const keep = binding.action === 'help' || binding.action === 'quit' ? 'always' : binding.page ? 'page' : false;
    items.push({ keys: keyLabel(first, t, theme), text, keep });
  }
  return items;
}

const itemWidth = (item: KeyBarItem) => cellWidth(item.keys) + 1 + cellWidth(item.text);

/** Drops items from the end until the line fits: the others first, then the page's own; never help or quit. */
export function fitKeyBar(items: KeyBarItem[], width: number, gap = 2): KeyBarItem[] {
  const kept = [...items];
  const total = () => kept.reduce((sum, item) => sum + itemWidth(item), 0) + gap * Math.max(0, kept.length - 1);
  while (total() > width) {
    let drop = kept.findLastIndex((item) => item.keep === false);
    if (drop === -1) drop = kept.findLastIndex((item) => item.keep === 'page');
    if (drop === -1) break;
    kept.splice(drop, 1);
  }
  return kept;
}

export const KeyBar = memo(function KeyBar({
  context,
  offer,
  width,
}: {
  context: KeyContext;
  offer: OfferContext;
  width: number;
}) {
  const { t, theme } = useUi();
  const items = fitKeyBar(keyBarItems(context, offer, t, theme), width);
  return (
    <Text wrap="truncate">
      {items.map((item, i) => (
        <Text key={i}>
          {i > 0 ? '  ' : ''}
          <Text bold inverse={theme.color}>
            {item.keys}
          </Text>{' '}
          <Text color={theme.fg('muted')}>{truncate(item.text, width, theme.glyphs.ellipsis)}</Text>
        </Text>
      ))}
    </Text>
  );
});
