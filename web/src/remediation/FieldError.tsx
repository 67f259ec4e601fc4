/** The message an API error gives for one field, tied to its input by `id` (aria-describedby). */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="field-error" id={id} role="alert" data-testid="field-error">
      {message}
    </span>
  );
}
