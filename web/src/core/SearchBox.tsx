import { type FormEvent, useEffect, useEffectEvent, useState } from 'react';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  testId?: string;
}

const debounceMs = 300;

/** A search field that reports what was typed once typing pauses (or at once on Enter). */
export function SearchBox({ label, value, onChange, placeholder, testId }: Props) {
  const [text, setText] = useState(value);
  // The last value this box reported or was given. When `value` differs from it, the change came from
  // elsewhere (back button, "clear filters") and the box follows; otherwise it keeps what is being typed.
  const [known, setKnown] = useState(value);
  if (value !== known) {
    setKnown(value);
    setText(value);
  }

  const commit = (next: string) => {
    setKnown(next);
    onChange(next);
  };
  const commitLater = useEffectEvent(commit);

  useEffect(() => {
    if (text === known) return;
    const timer = setTimeout(() => commitLater(text), debounceMs);
    return () => clearTimeout(timer);
  }, [text, known]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text !== known) commit(text);
  };

  return (
    <form role="search" className="search" onSubmit={submit}>
      <label>
        <span>{label}</span>
        <input type="search" value={text} placeholder={placeholder} data-testid={testId} onChange={(e) => setText(e.target.value)} />
      </label>
    </form>
  );
}
