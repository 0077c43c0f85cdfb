import Typography from '@mui/material/Typography';
import {
  DateField,
  NumberField,
  useFieldValue,
  useTranslate,
  type DateFieldProps,
  type FieldProps,
  type NumberFieldProps,
} from 'react-admin';
import { enumLabelKey, type EnumName } from './enums';
import { useIntlLocale } from './useIntlLocale';

/** DateField formatted for the chosen console language (not the browser's). */
export const LocalizedDateField = (props: DateFieldProps) => <DateField locales={useIntlLocale()} {...props} />;

/** NumberField formatted for the chosen console language (not the browser's). */
export const LocalizedNumberField = (props: NumberFieldProps) => <NumberField locales={useIntlLocale()} {...props} />;

export interface EnumFieldProps extends FieldProps {
  source: string;
  /** Which enum's labels (`app.enum.<enumName>.<VALUE>`) to show. */
  enumName: EnumName;
}

/**
 * Shows an enum value by its translated label. A value the catalogues do
 * not know yet (the API may add one) is shown as it is, not hidden.
 */
export const EnumField = ({ source, enumName, emptyText }: EnumFieldProps) => {
  const value: unknown = useFieldValue({ source });
  const translate = useTranslate();
  const text =
    value === null || value === undefined || value === ''
      ? emptyText
        ? translate(emptyText, { _: emptyText })
        : ''
      : translate(enumLabelKey(enumName, String(value)), { _: String(value) });
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
};

/** Shows a value by the label `<prefix>.<VALUE>` (values of enums outside `app.enum`); unknown values as they are. */
export const KeyField = ({ source, prefix }: FieldProps & { source: string; prefix: string }) => {
  const value: unknown = useFieldValue({ source });
  const translate = useTranslate();
  const text = value === null || value === undefined || value === '' ? '' : translate(`${prefix}.${String(value)}`, { _: String(value) });
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
};
