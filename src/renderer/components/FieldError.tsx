// The error for one field, right under it, announced to screen readers as it appears.
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return <p className="field-error" id={id} role="alert"><span aria-hidden="true">⚠ </span>{text}</p>;
}
