import { Alert, Button } from '@mui/material';
import type { ReactNode } from 'react';
import {
  Create,
  Edit,
  useCloseNotification,
  useLocaleState,
  useNotify,
  useRefresh,
  useTranslate,
  type CreateProps,
  type EditProps,
  type HttpError,
} from 'react-admin';
import { hasApiCode, refusalOf } from './apiErrors';
import { localizeCoded } from './codedMessages';
import { useRefusalText } from './useRefusalText';

/** A domain rule check of @efa/domain (`validateAuthority`, …): every problem, each naming its field. */
export type RuleCheck = (record: object) => { field: string; message: string; code?: string; params?: Record<string, unknown> }[];

/**
 * A react-admin form-level `validate` function from a rule check of
 * @efa/domain, so the console refuses what the API refuses, with the
 * message at the field (German when the console speaks German).
 * `toRecord` turns the form values into the record the rule expects.
 */
export function useRuleValidator(check: RuleCheck, toRecord: (values: Record<string, unknown>) => object = (v) => v) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  return (values: Record<string, unknown>) => {
    const errors: Record<string, string> = {};
    for (const issue of check(toRecord(normalise(values)))) {
      const key = issue.field.split('.')[0] || 'root';
      if (!(key in errors)) errors[key] = localizeCoded('issue', issue, translate, locale);
    }
    return errors;
  };
}

/** Empty strings as null (as the inputs send them), so optional fields validate as absent. */
function normalise(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' ? null : v]));
}

/** The notification of a refused save because someone else changed the record meanwhile, with a reload action. */
const ConflictNotice = () => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const close = useCloseNotification();
  return (
    <Alert
      severity="error"
      variant="filled"
      role="alert"
      action={
        <Button
          color="inherit"
          size="small"
          onClick={() => {
            close();
            refresh();
          }}
        >
          {translate('crud.conflict.reload')}
        </Button>
      }
    >
      {translate('crud.conflict.message')}
    </Alert>
  );
};

/**
 * The error handling of a save: field errors (server-side validation) show
 * at their inputs (the form handles them; no notification), a CONFLICT
 * (stale version) explains itself and offers to reload, anything else is
 * notified with the API's message.
 */
export function useSaveErrorHandler() {
  const notify = useNotify();
  const text = useRefusalText();
  return (error: unknown) => {
    const fieldErrors = (error as HttpError | undefined)?.body?.errors;
    // react-admin shows them at their inputs and notifies that the form is invalid
    if (fieldErrors && Object.keys(fieldErrors).length > 0) return;
    if (hasApiCode(error, 'CONFLICT')) {
      notify(<ConflictNotice />, { type: 'error', autoHideDuration: null });
      return;
    }
    const refusal = refusalOf(error);
    const message = refusal.reasons.length > 0 ? refusal.reasons.map((r) => text(r)).join('; ') : error instanceof Error ? error.message : String(error);
    notify(message || 'ra.notification.http_error', { type: 'error', messageArgs: { _: message } });
  };
}

/** Edit view: pessimistic (waits for the API), sends the loaded `version`, explains conflicts. */
export const VersionedEdit = ({ children, ...props }: EditProps & { children: ReactNode }) => {
  const onError = useSaveErrorHandler();
  return (
    <Edit mutationMode="pessimistic" mutationOptions={{ onError }} redirect="show" {...props}>
      {children}
    </Edit>
  );
};

/** Create view with the same error handling; `meta` goes with the create mutation (e.g. sparse fields). */
export const ResourceCreate = ({ children, meta, ...props }: CreateProps & { children: ReactNode; meta?: Record<string, unknown> }) => {
  const onError = useSaveErrorHandler();
  return (
    <Create mutationOptions={{ onError, meta }} redirect="show" {...props}>
      {children}
    </Create>
  );
};
