import { useCallback } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import type { StageLabelSource } from '../onboardings/logic';
import type { RefusalItem } from './apiErrors';
import { localizeCoded, type CodedText } from './codedMessages';

/**
 * The text of a refusal reason or field issue in the console's language
 * (codes translated with their params, stage keys by the given stages' names);
 * a field issue starts with its field.
 */
export function useRefusalText(): (item: RefusalItem | (CodedText & { kind: RefusalItem['kind'] }), stages?: readonly StageLabelSource[]) => string {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return useCallback(
    (item, stages = []) => {
      const text = localizeCoded(item.kind, item, translate, locale, stages);
      const field = 'field' in item ? item.field : undefined;
      return field && field !== 'input' ? `${field}: ${text}` : text;
    },
    [translate, locale],
  );
}
