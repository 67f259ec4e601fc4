interface Option {
  value: string;
  label: string;
}

interface Props {
  label: string;
  value: string;
  options: Option[];
  /** Label of the empty choice that means "do not filter". */
  anyLabel: string;
  onChange: (value: string) => void;
  testId?: string;
}

export function SelectFilter({ label, value, options, anyLabel, onChange, testId }: Props) {
  // A value from a bookmark may not be among the options (yet, or any more); show it rather than silently "any".
  const shown = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{anyLabel}</option>
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
