import { appMessagesEn } from '../i18n/en';

/**
 * The enums the console displays, keyed like `app.enum.<EnumName>` in the
 * message catalogues. Their values mirror libs/domain's enums (which the
 * API exposes as GraphQL enums); the catalogues are the console's single
 * list of them until the console imports @efa/domain directly.
 */
export type EnumName = keyof typeof appMessagesEn.app.enum;

export interface EnumChoice {
  id: string;
  /** Translation key; react-admin's choice inputs and fields translate it. */
  name: string;
}

/** The message key of one enum value's label. */
export function enumLabelKey(enumName: EnumName, value: string): string {
  return `app.enum.${enumName}.${value}`;
}

/** Choices for SelectField / SelectInput / AutocompleteInput, in declaration order. */
export function enumChoices(enumName: EnumName): EnumChoice[] {
  return Object.keys(appMessagesEn.app.enum[enumName]).map((id) => ({ id, name: enumLabelKey(enumName, id) }));
}
