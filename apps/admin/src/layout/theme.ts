import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * The console's light and dark theme (react-admin's defaults with the
 * console's colours); the app bar's theme button switches, and react-admin
 * remembers the choice (and follows the system's preference at first).
 */
const palette = { primary: { main: '#004b87' }, secondary: { main: '#00695c' } };

export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  palette: { ...defaultLightTheme.palette, ...palette, background: { default: '#f5f6f8' } },
};

export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  palette: { ...defaultDarkTheme.palette, mode: 'dark', primary: { main: '#7fb2e5' }, secondary: { main: '#4db6ac' } },
};
