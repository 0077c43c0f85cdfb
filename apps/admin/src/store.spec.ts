import { memoryStore } from 'react-admin';
import { createStore } from './store';

describe('console store', () => {
  it('keeps the chosen language when react-admin resets the store at sign-out', () => {
    const store = createStore(memoryStore());
    store.setup();
    store.setItem('locale', 'en');
    store.setItem('State.listParams', { page: 2 });
    store.reset();
    expect(store.getItem('locale')).toBe('en');
    expect(store.getItem('State.listParams')).toBeUndefined();
  });
});
