/**
 * Completeness checks for translation catalogues. Pure functions without
 * imports, so a unit test (or a script) can assert for example that the
 * German catalogue covers every key of the English one:
 *
 *   expect(missingKeys(en, de)).toEqual([]);
 */

/** A nested message catalogue: leaves are the messages. */
export interface MessageTree {
  [key: string]: string | MessageTree | undefined;
}

function isTree(value: unknown): value is MessageTree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dotted paths of all leaf messages of a catalogue, in declaration order. */
export function messageKeys(messages: MessageTree, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isTree(value)) {
      keys.push(...messageKeys(value, path));
    } else if (typeof value === 'string') {
      keys.push(path);
    }
  }
  return keys;
}

/**
 * Dotted paths of the messages of `reference` that `candidate` lacks: the key
 * is absent, holds a nested object where a message is expected, or holds an
 * empty message while the reference's is not empty. An empty array means the
 * candidate is complete.
 */
export function missingKeys(reference: MessageTree, candidate: MessageTree): string[] {
  const missing: string[] = [];
  const walk = (ref: MessageTree, cand: unknown, prefix: string): void => {
    for (const [key, refValue] of Object.entries(ref)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const candValue = isTree(cand) ? cand[key] : undefined;
      if (isTree(refValue)) {
        if (isTree(candValue)) {
          walk(refValue, candValue, path);
        } else {
          // the whole subtree is missing: report every leaf below it
          missing.push(...messageKeys(refValue, path));
        }
      } else if (refValue === undefined) {
        continue;
      } else if (typeof candValue !== 'string' || (candValue === '' && refValue !== '')) {
        missing.push(path);
      }
    }
  };
  walk(reference, candidate, '');
  return missing;
}

/** Dotted paths `candidate` has that `reference` does not (stale or misspelt keys). */
export function extraKeys(reference: MessageTree, candidate: MessageTree): string[] {
  return missingKeys(candidate, reference);
}
