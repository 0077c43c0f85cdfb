import englishMessages from 'ra-language-english';
import de from './de';
import en from './en';
import { missingKeys, type MessageTree } from './missingKeys';

describe('console translations', () => {
  it('German (the default) has every message English has, and no stray ones', () => {
    expect(missingKeys(en as MessageTree, de as MessageTree)).toEqual([]);
    expect(missingKeys(de as MessageTree, en as MessageTree)).toEqual([]);
  });

  it("German covers every react-admin message, addressing the user formally", () => {
    expect(missingKeys(englishMessages as unknown as MessageTree, de as MessageTree)).toEqual([]);
    const text = JSON.stringify(de);
    expect(text).toMatch(/Sie /);
    expect(text).not.toMatch(/\b(du|dein|deine|dich|dir)\b/);
  });
});
