import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import type { StateFigures } from './dashboardApi';
import { useDashboardFormat } from './format';
import { COUNT_FIELDS, type DashboardPanel, type DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

/**
 * The 16 states as equal tiles in a rough geographic arrangement (north at
 * the top): no map data to download, and small states are as visible as
 * large ones.
 */
export const TILE_GRID: readonly (readonly (string | null)[])[] = [
  [null, null, 'SH', null, null],
  [null, 'HB', 'HH', 'MV', null],
  ['NW', 'NI', 'ST', 'BB', 'BE'],
  ['RP', 'HE', 'TH', 'SN', null],
  ['SL', 'BW', 'BY', null, null],
];

/**
 * Share-live classes, light to dark green (sequential, readable for
 * red-green colour blindness), each with a text colour of enough contrast;
 * the tiles carry their own colours, so they read the same in the light and
 * the dark theme. The tile's text says the share too: colour is never the only sign.
 */
export const SHARE_CLASSES = [
  { from: 0, background: '#f7fcb9', color: '#1a1a1a' },
  { from: 0.1, background: '#d9f0a3', color: '#1a1a1a' },
  { from: 0.25, background: '#addd8e', color: '#1a1a1a' },
  { from: 0.5, background: '#41ab5d', color: '#000000' },
  { from: 0.75, background: '#006837', color: '#ffffff' },
] as const;
const NO_AUTHORITIES = { background: 'transparent', color: 'text.secondary' };

export function shareClass(share: number) {
  return [...SHARE_CLASSES].reverse().find((c) => share >= c.from) ?? SHARE_CLASSES[0];
}

const Legend = () => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  return (
    <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', mt: 1.5 }} role="list" aria-label={translate('dashboard.map.legend')}>
      <Typography variant="caption" color="text.secondary" sx={{ alignSelf: 'center' }}>
        {translate('dashboard.map.legend')}:
      </Typography>
      {SHARE_CLASSES.map((c, i) => {
        const next = SHARE_CLASSES[i + 1];
        const label = next
          ? translate('dashboard.map.range', { from: format.wholePercent(c.from), to: format.wholePercent(next.from) })
          : translate('dashboard.map.range_top', { from: format.wholePercent(c.from) });
        return (
          <Stack key={c.from} direction="row" spacing={0.5} sx={{ alignItems: 'center' }} role="listitem">
            <Box sx={{ width: 16, height: 16, bgcolor: c.background, border: 1, borderColor: 'divider' }} />
            <Typography variant="caption">{label}</Typography>
          </Stack>
        );
      })}
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} role="listitem">
        <Box sx={{ width: 16, height: 16, border: 1, borderStyle: 'dashed', borderColor: 'text.secondary' }} />
        <Typography variant="caption">{translate('dashboard.map.no_authorities')}</Typography>
      </Stack>
    </Stack>
  );
};

/**
 * The tile map: each state's share of authorities live (national figures,
 * also when narrowed to a state). A click narrows the dashboard to the
 * state, a second click widens it again; the coordinator's own state is marked.
 */
const StateTileMap = ({ national, scope }: DashboardPanelProps) => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  const byCode = new Map((national.states ?? []).map((s) => [s.stateCode, s]));
  const selected = scope.state?.code;

  const tile = (code: string) => {
    const figures: StateFigures | undefined = byCode.get(code);
    const state = scope.states.get(code);
    const name = figures?.stateName ?? state?.name ?? code;
    const has = figures && figures.authorities > 0;
    const look = has ? shareClass(figures.shareLive) : NO_AUTHORITIES;
    const isSelected = selected === code;
    const isOwn = Boolean(state && state.id === scope.ownStateId);
    const label = has
      ? translate('dashboard.map.tile', {
          state: name,
          share: format.percent(figures.shareLive),
          live: format.number(figures.live),
          authorities: format.number(figures.authorities),
        })
      : translate('dashboard.map.tile_empty', { state: name });
    return (
      <ButtonBase
        key={code}
        data-state={code}
        aria-pressed={isSelected}
        aria-label={`${label}${isOwn ? ` (${translate('dashboard.own_state')})` : ''}`}
        title={label}
        disabled={!state}
        onClick={() => scope.update({ state: isSelected ? null : code })}
        sx={{
          flexDirection: 'column',
          justifyContent: 'center',
          aspectRatio: '5 / 4',
          minWidth: 0,
          borderRadius: 1,
          bgcolor: look.background,
          color: look.color,
          border: has ? 1 : '1px dashed',
          borderColor: 'divider',
          outline: isSelected ? 3 : isOwn ? 2 : 0,
          outlineStyle: isOwn && !isSelected ? 'dashed' : 'solid',
          outlineColor: (theme) => theme.palette.primary.main,
          outlineOffset: 2,
          '&:hover, &.Mui-focusVisible': { filter: 'brightness(0.92)', outline: 3, outlineStyle: 'solid', outlineColor: (theme) => theme.palette.primary.main },
        }}
      >
        <Typography component="span" sx={{ fontWeight: 700, fontSize: { xs: '0.85rem', sm: '1rem' }, lineHeight: 1.1 }}>
          {code}
        </Typography>
        <Typography component="span" sx={{ fontSize: { xs: '0.7rem', sm: '0.8rem' }, lineHeight: 1.1 }}>
          {has ? format.wholePercent(figures.shareLive) : '–'}
        </Typography>
        {has ? (
          <Typography component="span" sx={{ fontSize: '0.65rem', lineHeight: 1.1, display: { xs: 'none', sm: 'block' } }}>
            {format.number(figures.live)}/{format.number(figures.authorities)}
          </Typography>
        ) : null}
      </ButtonBase>
    );
  };

  return (
    <PanelCard id="map" title="dashboard.map.title" hint="dashboard.map.hint">
      <Box
        role="group"
        aria-label={translate('dashboard.map.title')}
        data-testid="state-tiles"
        sx={{ display: 'grid', gridTemplateColumns: `repeat(${TILE_GRID[0].length}, minmax(0, 1fr))`, gap: 0.75, maxWidth: 400, mx: 'auto' }}
      >
        {TILE_GRID.flatMap((row, r) => row.map((code, c) => (code ? tile(code) : <Box key={`${r}-${c}`} aria-hidden />)))}
      </Box>
      <Legend />
    </PanelCard>
  );
};

export const stateTileMapPanel: DashboardPanel = {
  id: 'map',
  fields: [],
  nationalFields: [`states { stateId stateCode stateName ${COUNT_FIELDS} }`],
  width: 5,
  Component: StateTileMap,
};
