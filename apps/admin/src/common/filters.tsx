import { SearchInput } from 'react-admin';

/**
 * The full-text search every list offers: the API's `XFilter.q`.
 * Resource-specific filters are appended per list when they come.
 */
export const searchFilters = [<SearchInput key="q" source="q" alwaysOn />];
