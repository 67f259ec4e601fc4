import { type FormEvent, useId, useMemo, useState } from 'react';
import { type ApiError, toApiError } from '../core/api';
import { ErrorMessage } from '../core/ErrorMessage';
import { errorFor, fieldErrors, shownAtAField } from './fieldErrors';
import { FieldError } from './FieldError';
import { draftOf, emptyRule, RuleEditor, ruleOf, type RuleDraft } from './RuleEditor';
import type { Installs, Policy, PolicyInput, PolicyMode } from './types';
import { windowText } from './windowText';

const formFields = ['name', 'mode', 'timeZone', 'installs', 'deadline', 'patchWindow', 'rebootWindow'] as const;

interface Props {
  initial?: Policy;
  submitLabel: string;
  onSubmit: (input: PolicyInput) => Promise<void>;
}

/** Every IANA zone the browser knows, for the time zone field's suggestions. */
function zoneNames(): string[] {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
}

/**
 * A policy's definition. The server checks it (the rules live there, once); its errors appear beside the field
 * they name. Enter in any field submits.
 */
export function PolicyForm({ initial, submitLabel, onSubmit }: Props) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [mode, setMode] = useState<PolicyMode>(initial?.mode ?? 'automatic');
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? 'UTC');
  const [installs, setInstalls] = useState<Installs>(initial?.installs ?? 'security');
  const [deadline, setDeadline] = useState(initial?.deadline ?? '1d');
  const [patch, setPatch] = useState<RuleDraft>(initial ? draftOf(initial.patchWindow) : { ...emptyRule, kind: 'daily' });
  const [reboot, setReboot] = useState<RuleDraft>(initial ? draftOf(initial.rebootWindow) : { ...emptyRule, kind: 'daily', at: '04:00', length: '1' });
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const zones = useMemo(zoneNames, []);
  const errors = fieldErrors(error);
  const err = (field: string) => errorFor(errors, field);
  const invalid = (field: string) => ({ 'aria-invalid': err(field) ? true : undefined, 'aria-describedby': `${id}-${field}` });

  const input = (): PolicyInput => ({ name: name.trim(), mode, timeZone: timeZone.trim(), installs, patchWindow: ruleOf(patch), rebootWindow: ruleOf(reboot), deadline: deadline.trim() });
  // The windows in words as the form stands, when their lengths are whole minutes.
  const current = input();
  const whole = (r: PolicyInput['patchWindow']) => !r || (Number.isInteger(r.minutes) && r.minutes > 0);
  const preview = whole(current.patchWindow) && whole(current.rebootWindow) ? `Patch ${windowText(current.patchWindow, current.timeZone)}; reboot ${windowText(current.rebootWindow, current.timeZone)}.` : '';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await onSubmit(input());
    } catch (err) {
      setError(toApiError(err));
      setPending(false);
    }
  };

  return (
    <form className="panel policy-form" onSubmit={submit} data-testid="policy-form" noValidate>
      <div className="form-row">
        <label className="filter grow">
          <span>Name</span>
          <input required value={name} placeholder="e.g. weekly-db" onChange={(e) => setName(e.target.value)} {...invalid('name')} data-testid="policy-name-input" />
          <FieldError id={`${id}-name`} message={err('name')} />
        </label>
        <label className="filter">
          <span>Mode</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as PolicyMode)} {...invalid('mode')} data-testid="policy-mode">
            <option value="automatic">automatic: patch and reboot in the windows</option>
            <option value="manual">manual: patched by hand</option>
          </select>
          <FieldError id={`${id}-mode`} message={err('mode')} />
        </label>
        <label className="filter">
          <span>Time zone of the windows</span>
          <input required list={`${id}-zones`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} {...invalid('timeZone')} data-testid="policy-timezone" />
          <datalist id={`${id}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <FieldError id={`${id}-timeZone`} message={err('timeZone')} />
        </label>
      </div>
      <RuleEditor field="patchWindow" legend="Patch window" draft={patch} onChange={setPatch} errors={errors} />
      <RuleEditor field="rebootWindow" legend="Reboot window" draft={reboot} onChange={setReboot} errors={errors} />
      <div className="form-row">
        <label className="filter">
          <span>Installs</span>
          <select value={installs} onChange={(e) => setInstalls(e.target.value as Installs)} {...invalid('installs')} data-testid="policy-installs">
            <option value="security">security updates only</option>
            <option value="all">all updates</option>
          </select>
          <FieldError id={`${id}-installs`} message={err('installs')} />
        </label>
        <label className="filter">
          <span>Overdue after the window by (e.g. 1d, 12h, 0)</span>
          <input required value={deadline} onChange={(e) => setDeadline(e.target.value)} {...invalid('deadline')} data-testid="policy-deadline" />
          <FieldError id={`${id}-deadline`} message={err('deadline')} />
        </label>
      </div>
      {preview && <p className="muted" data-testid="policy-preview">{preview}</p>}
      {!shownAtAField(errors, formFields) && <ErrorMessage error={error} />}
      <button type="submit" className="primary" disabled={pending} data-testid="policy-submit">
        {pending ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
