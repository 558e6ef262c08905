// What each field of the history's filter panel offers (pure): "all" first, then the
// services, task types, tasks and people the user can see (the engine's catalogue), or the
// fixed outcome and time choices. The typed fields (from, to) offer no list.
import { oneLine } from '../../engine/text/sanitize.js';
import { SCHEDULER } from '../../engine/types.js';
import type { Catalogue } from '../i18n/index.js';
import {
  OUTCOME_CHOICES,
  SINCE_CHOICES,
  type FilterField,
  type HistoryCatalog,
  type HistoryFilters,
  type NamedChoice,
} from '../state/history-state.js';
import { typeLabel } from './history-cells.js';

export interface FilterChoice {
  /** Unique within a field: what ink-select-input keys and reports. */
  value: string;
  label: string;
  patch: Partial<HistoryFilters>;
}

const EMPTY_CATALOG: HistoryCatalog = { services: [], types: [], tasks: [], users: [SCHEDULER] };

/** A "started by" value in words: the scheduler is named in the user's language. */
export const startedByLabel = (user: string, t: Catalogue) =>
  user === SCHEDULER ? t.filterPanel.scheduler : oneLine(user);

/** The catalogue's entries, plus the current pick when the catalogue does not hold it (yet). */
function withCurrent(list: readonly NamedChoice[], current: NamedChoice | null): readonly NamedChoice[] {
  return current && !list.some((c) => c.id === current.id) ? [current, ...list] : list;
}

export function filterChoices(
  field: FilterField,
  draft: HistoryFilters,
  catalog: HistoryCatalog | null,
  t: Catalogue,
): FilterChoice[] {
  const c = catalog ?? EMPTY_CATALOG;
  const p = t.filterPanel;
  switch (field) {
    case 'service':
      return [
        { value: '', label: p.allServices, patch: { service: null } },
        ...withCurrent(c.services, draft.service).map((s) => ({
          value: `=${s.id}`,
          label: oneLine(s.name || s.id),
          patch: { service: s },
        })),
      ];
    case 'type': {
      const types = draft.type !== null && !c.types.includes(draft.type) ? [draft.type, ...c.types] : c.types;
      return [
        { value: '', label: p.allTypes, patch: { type: null } },
        ...types.map((type) => ({ value: `=${type}`, label: typeLabel(type, t), patch: { type } })),
      ];
    }
    case 'outcome':
      return OUTCOME_CHOICES.map((outcome) => ({ value: outcome, label: p.outcome[outcome], patch: { outcome } }));
    case 'task':
      return [
        { value: '', label: p.allTasks, patch: { task: null } },
        ...withCurrent(c.tasks, draft.task).map((task) => ({
          value: `=${task.id}`,
          label: oneLine(task.name || task.id),
          patch: { task },
        })),
      ];
    case 'by': {
      const users = draft.by !== null && !c.users.includes(draft.by) ? [draft.by, ...c.users] : c.users;
      return [
        { value: '', label: p.everyone, patch: { by: null } },
        ...users.map((by) => ({ value: `=${by}`, label: startedByLabel(by, t), patch: { by } })),
      ];
    }
    case 'since':
      return SINCE_CHOICES.map((since) => ({ value: since, label: p.since[since], patch: { since } }));
    case 'from':
    case 'to':
      return [];
  }
}

/** The value of the draft's pick for a field, as filterChoices names it. */
export function pickedValue(field: FilterField, draft: HistoryFilters): string {
  switch (field) {
    case 'service':
      return draft.service ? `=${draft.service.id}` : '';
    case 'type':
      return draft.type === null ? '' : `=${draft.type}`;
    case 'outcome':
      return draft.outcome;
    case 'task':
      return draft.task ? `=${draft.task.id}` : '';
    case 'by':
      return draft.by === null ? '' : `=${draft.by}`;
    case 'since':
      return draft.since;
    case 'from':
    case 'to':
      return '';
  }
}
