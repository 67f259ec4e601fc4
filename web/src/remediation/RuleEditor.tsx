import { useId } from 'react';
import { errorFor } from './fieldErrors';
import { FieldError } from './FieldError';
import { type Weekday, weekdays, type WindowRule } from './types';
import { daysText } from './windowText';

/** A window rule as the form holds it: every part kept while the kind changes, so switching back loses nothing. */
export interface RuleDraft {
  kind: '' | WindowRule['kind'];
  at: string;
  days: Weekday[];
  expression: string;
  length: string;
  unit: 'min' | 'h';
}

export const emptyRule: RuleDraft = { kind: '', at: '02:00', days: ['mon'], expression: '', length: '2', unit: 'h' };

export function draftOf(rule: WindowRule | null): RuleDraft {
  if (!rule) return emptyRule;
  const inHours = rule.minutes % 60 === 0;
  const base = { ...emptyRule, kind: rule.kind, length: String(inHours ? rule.minutes / 60 : rule.minutes), unit: inHours ? ('h' as const) : ('min' as const) };
  switch (rule.kind) {
    case 'daily':
      return { ...base, at: rule.at };
    case 'weekly':
      return { ...base, at: rule.at, days: rule.days };
    case 'cron':
      return { ...base, expression: rule.expression };
  }
}

/** The rule to send; null for "no window". Minutes not a number go as null, for the API to name the field. */
export function ruleOf(d: RuleDraft): WindowRule | null {
  const minutes = Math.round(Number(d.length) * (d.unit === 'h' ? 60 : 1));
  const m = d.length.trim() === '' || Number.isNaN(minutes) ? (null as unknown as number) : minutes;
  switch (d.kind) {
    case '':
      return null;
    case 'daily':
      return { kind: 'daily', at: d.at, minutes: m };
    case 'weekly':
      return { kind: 'weekly', days: weekdays.filter((w) => d.days.includes(w)), at: d.at, minutes: m };
    case 'cron':
      return { kind: 'cron', expression: d.expression, minutes: m };
  }
}

interface Props {
  /** The API's name of the field: patchWindow, rebootWindow. */
  field: string;
  legend: string;
  draft: RuleDraft;
  onChange: (draft: RuleDraft) => void;
  errors: Map<string, string>;
}

/** One window of a policy: none, daily, some weekdays, or a cron expression; and how long it lasts. */
export function RuleEditor({ field, legend, draft, onChange, errors }: Props) {
  const id = useId();
  const set = (changes: Partial<RuleDraft>) => onChange({ ...draft, ...changes });
  const err = (part: string) => errorFor(errors, `${field}.${part}`);
  const whole = errors.get(field);
  const describe = (part: string) => ({ 'aria-invalid': err(part) ? true : undefined, 'aria-describedby': `${id}-${part}` });
  return (
    <fieldset className="rule-editor" data-testid={`${field}-editor`}>
      <legend>{legend}</legend>
      <div className="form-row">
        <label className="filter">
          <span>When</span>
          <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as RuleDraft['kind'] })} {...describe('kind')} data-testid={`${field}-kind`}>
            <option value="">no window</option>
            <option value="daily">every day</option>
            <option value="weekly">on some weekdays</option>
            <option value="cron">a cron expression</option>
          </select>
          <FieldError id={`${id}-kind`} message={err('kind') ?? whole} />
        </label>
        {(draft.kind === 'daily' || draft.kind === 'weekly') && (
          <label className="filter">
            <span>At</span>
            <input type="time" required value={draft.at} onChange={(e) => set({ at: e.target.value })} {...describe('at')} data-testid={`${field}-at`} />
            <FieldError id={`${id}-at`} message={err('at')} />
          </label>
        )}
        {draft.kind === 'cron' && (
          <label className="filter grow">
            <span>Cron expression (minute hour day month weekday)</span>
            <input className="mono" required value={draft.expression} placeholder="30 2 * * 1-5" onChange={(e) => set({ expression: e.target.value })} {...describe('expression')} data-testid={`${field}-expression`} />
            <FieldError id={`${id}-expression`} message={err('expression')} />
          </label>
        )}
        {draft.kind !== '' && (
          <div className="filter">
            <label htmlFor={`${id}-length-input`}>For</label>
            <span className="length">
              <input id={`${id}-length-input`} type="number" min="0" step="any" required value={draft.length} onChange={(e) => set({ length: e.target.value })} {...describe('minutes')} data-testid={`${field}-length`} />
              <select aria-label="Unit" value={draft.unit} onChange={(e) => set({ unit: e.target.value as RuleDraft['unit'] })} data-testid={`${field}-unit`}>
                <option value="min">minutes</option>
                <option value="h">hours</option>
              </select>
            </span>
            <FieldError id={`${id}-minutes`} message={err('minutes')} />
          </div>
        )}
      </div>
      {draft.kind === 'weekly' && (
        <fieldset className="days" aria-describedby={`${id}-days`}>
          <legend>On {draft.days.length > 0 ? daysText(weekdays.filter((w) => draft.days.includes(w))) : '…'}</legend>
          {weekdays.map((d) => (
            <label key={d} className="toggle">
              <input
                type="checkbox"
                checked={draft.days.includes(d)}
                onChange={(e) => set({ days: e.target.checked ? [...draft.days, d] : draft.days.filter((x) => x !== d) })}
                data-testid={`${field}-day-${d}`}
              />
              {d.slice(0, 1).toUpperCase() + d.slice(1)}
            </label>
          ))}
          <FieldError id={`${id}-days`} message={err('days')} />
        </fieldset>
      )}
    </fieldset>
  );
}
