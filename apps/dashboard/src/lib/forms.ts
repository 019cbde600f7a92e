// Reading a form action's answer on the page: which form it was for, its failure (with field errors)
// or its confirmation. Pages have several forms, so every answer names its form.
export interface FormAnswer {
  failure: { message: string } | null;
  success: string | null;
  errors: Record<string, string>;
  /** Anything else the action returned (e.g. a token shown once). */
  extra: Record<string, unknown>;
}

export function answerFor(form: unknown, name: string): FormAnswer {
  const f = (form ?? null) as {
    form?: string;
    message?: string;
    success?: string;
    fieldErrors?: Record<string, string>;
  } | null;
  if (!f || f.form !== name) return { failure: null, success: null, errors: {}, extra: {} };
  return {
    failure: typeof f.message === 'string' ? { message: f.message } : null,
    success: typeof f.success === 'string' ? f.success : null,
    errors: f.fieldErrors ?? {},
    extra: f as Record<string, unknown>,
  };
}

/** aria attributes tying a control to its error message. */
export function invalid(errors: Record<string, string>, key: string, id = key) {
  return errors[key]
    ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-error` }
    : { 'aria-invalid': undefined, 'aria-describedby': undefined };
}
