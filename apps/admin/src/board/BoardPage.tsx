import { mayCall } from '@efa/domain';
import BlockIcon from '@mui/icons-material/Block';
import PauseCircleIcon from '@mui/icons-material/PauseCircleOutline';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import IconButton from '@mui/material/IconButton';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MoreVertIcon from '@mui/icons-material/MoreVert';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Loading,
  Title,
  useDataProvider,
  useGetList,
  useLocaleState,
  useLocation,
  useNotify,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { ConsolePermissions } from '../authProvider';
import { refusalItemsOf } from '../common/apiErrors';
import { useRefusalText } from '../common/useRefusalText';
import type { StageLabelSource } from '../onboardings/logic';
import { useQuery } from '@tanstack/react-query';
import { moveErrorOf, type BoardCardRecord, type BoardColumn, type BoardDataProvider, type MoveError, type MovedOnboarding, type WaveResult } from './boardApi';

/** The service the board opens with (the one with the demo onboardings). */
const DEFAULT_SERVICE_NAME = 'Aufenthaltstitel';
const DAY_MS = 86_400_000;
const DRAG_TYPE = 'application/x-efa-onboarding';

interface StageRecord {
  id: string;
  key: string;
  nameDe: string;
  nameEn: string;
  position: number;
}

/** A card of the board (one row of the stageBoard query: no per-card requests, no nested objects). */
type OnboardingRecord = BoardCardRecord;

/** Cards per column in the first answer and per "+ N more". */
const PAGE = 50;

/** A refusal (or failure) to show above the board. */
interface Refusal extends MoveError {
  name: string;
  stage: string;
}

/** A pending move back, waiting for its reason. */
interface PendingBack {
  card: OnboardingRecord;
  toStage: string;
}

const BoardPage = () => {
  const translate = useTranslate();
  const refusalText = useRefusalText();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const dataProvider = useDataProvider<BoardDataProvider>();
  const { permissions } = usePermissions<ConsolePermissions | null>();
  const principal = permissions ? { userId: '', role: permissions.role, stateId: permissions.stateId } : null;
  const mayAdvance = mayCall(principal, 'advanceOnboarding') === 'ALLOWED';
  const mayMoveBack = mayCall(principal, 'moveOnboardingBack') === 'ALLOWED';
  const mayWave = mayCall(principal, 'advanceOnboardings') === 'ALLOWED';

  // `#/board?service=<id>&wave=<id>` (the wave page links here) preselects service and wave.
  const location = useLocation();
  const initial = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const [serviceId, setServiceId] = useState<string>(initial.get('service') ?? '');
  const [stateId, setStateId] = useState<string>('');
  const [waveId, setWaveId] = useState<string>(initial.get('wave') ?? '');

  const { data: services } = useGetList<{ id: string; name: string }>('Service', {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'name', order: 'ASC' },
    meta: { sparseFields: ['id', 'name'] },
  });
  const { data: states } = useGetList<{ id: string; name: string; code: string }>('State', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'name', order: 'ASC' },
    meta: { sparseFields: ['id', 'name', 'code'] },
  });
  useEffect(() => {
    if (!serviceId && services && services.length > 0) {
      setServiceId((services.find((s) => s.name === DEFAULT_SERVICE_NAME) ?? services[0]).id);
    }
  }, [services, serviceId]);

  const { data: stageRecords, isPending: stagesPending } = useGetList<StageRecord>(
    'ServiceStage',
    {
      filter: { serviceId },
      pagination: { page: 1, perPage: 100 },
      sort: { field: 'position', order: 'ASC' },
      meta: { sparseFields: ['id', 'key', 'nameDe', 'nameEn', 'position'] },
    },
    { enabled: Boolean(serviceId) },
  );
  const stages = useMemo(() => [...(stageRecords ?? [])].sort((a, b) => a.position - b.position), [stageRecords]);
  const stageIndex = useCallback((key: string) => stages.findIndex((s) => s.key === key), [stages]);
  const stageName = useCallback(
    (key: string) => {
      const stage = stages.find((s) => s.key === key);
      return stage ? (locale === 'en' ? stage.nameEn : stage.nameDe) : key;
    },
    [stages, locale],
  );

  const { data: waves } = useGetList<{ id: string; name: string; serviceId: string }>(
    'Wave',
    { filter: { serviceId }, pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' }, meta: { sparseFields: ['id', 'name', 'serviceId'] } },
    { enabled: Boolean(serviceId) },
  );
  // One request for the whole board: per stage its count and the first PAGE cards; "+ N more" loads the next PAGE of one column.
  const boardKey = useMemo(() => ['Onboarding', 'stageBoard', serviceId, stateId, waveId] as const, [serviceId, stateId, waveId]);
  const {
    data: board,
    isPending: cardsPending,
    isFetching,
    error: cardsError,
    refetch,
  } = useQuery({
    queryKey: boardKey,
    queryFn: async () => (await dataProvider.stageBoard({ serviceId, stateId, waveId, perStage: PAGE })).data,
    enabled: Boolean(serviceId),
  });
  /** Further pages of columns ("+ N more"), by stage; kept across refetches of the first pages, dropped with the filter. */
  const [more, setMore] = useState<Record<string, OnboardingRecord[]>>({});
  const [loadingMore, setLoadingMore] = useState<Record<string, boolean>>({});
  const inFlight = useRef(new Set<string>());
  const filterKey = useRef('');
  filterKey.current = `${serviceId}|${stateId}|${waveId}`;
  const totals = useMemo(() => new Map((board?.columns ?? []).map((c: BoardColumn) => [c.stage, c.total])), [board]);
  const fetched = useMemo(() => {
    // The newest version of each card wins (a later page may hold a card the first pages have since moved).
    const byId = new Map<string, OnboardingRecord>();
    for (const card of [...(board?.columns ?? []).flatMap((c) => c.cards), ...Object.values(more).flat()]) {
      const known = byId.get(card.id);
      if (!known || known.version < card.version) byId.set(card.id, card);
    }
    return [...byId.values()];
  }, [board, more]);
  const loadMore = useCallback(
    async (stage: string, shown: number) => {
      // A ref, not the state: scroll events come faster than renders, and one page must not be fetched twice.
      if (inFlight.current.has(stage)) return;
      inFlight.current.add(stage);
      setLoadingMore((current) => ({ ...current, [stage]: true }));
      try {
        const { data } = await dataProvider.stageBoard({ serviceId, stateId, waveId, stages: [stage], perStage: PAGE, offset: shown });
        const cards = data.columns.find((c) => c.stage === stage)?.cards ?? [];
        if (filterKey.current !== `${serviceId}|${stateId}|${waveId}`) return; // the filter changed meanwhile
        setMore((current) => ({ ...current, [stage]: [...(current[stage] ?? []), ...cards] }));
      } catch (error) {
        notify('board.failed', { type: 'error', messageArgs: { message: moveErrorOf(error).message } });
      } finally {
        inFlight.current.delete(stage);
        setLoadingMore((current) => ({ ...current, [stage]: false }));
      }
    },
    [dataProvider, serviceId, stateId, waveId, notify],
  );

  /** Moves the board shows before (or instead of) the next fetch: optimistic while pending, the API's answer after. */
  const [overrides, setOverrides] = useState<Record<string, Partial<OnboardingRecord> & { pending?: boolean }>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pendingBack, setPendingBack] = useState<PendingBack | null>(null);
  const [waveTarget, setWaveTarget] = useState<string>('');
  const [waveRunning, setWaveRunning] = useState(false);
  const [waveResults, setWaveResults] = useState<WaveResult[] | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  useEffect(() => {
    setSelected(new Set());
    setOverrides({});
    setMore({});
  }, [serviceId, stateId, waveId]);

  const cards = useMemo(() => {
    return (fetched ?? []).map((card) => {
      const override = overrides[card.id];
      if (!override || (override.version !== undefined && override.version < card.version)) return card;
      return { ...card, ...override };
    });
  }, [fetched, overrides]);
  const cardById = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards]);
  const columns = useMemo(() => {
    const byStage = new Map<string, OnboardingRecord[]>(stages.map((s) => [s.key, []]));
    for (const card of cards) byStage.get(card.stage)?.push(card);
    for (const list of byStage.values()) list.sort((a, b) => a.authorityName.localeCompare(b.authorityName, locale));
    return byStage;
  }, [cards, stages, locale]);

  const applyMoved = (moved: MovedOnboarding) =>
    setOverrides((current) => ({ ...current, [moved.id]: { stage: moved.stage, version: moved.version, stageEnteredAt: moved.stageEnteredAt, status: moved.status } }));
  const dropOverride = (id: string) =>
    setOverrides((current) => {
      const { [id]: _dropped, ...rest } = current;
      return rest;
    });

  const advance = async (card: OnboardingRecord, toStage: string) => {
    setRefusal(null);
    setOverrides((current) => ({ ...current, [card.id]: { stage: toStage, version: card.version, pending: true } }));
    try {
      const { data } = await dataProvider.advanceOnboarding({ id: card.id, version: card.version, toStage });
      applyMoved(data);
      notify('board.moved', { type: 'success', messageArgs: { name: card.authorityName, stage: stageName(toStage) } });
      refetch();
    } catch (error) {
      dropOverride(card.id); // snap back
      setRefusal({ ...moveErrorOf(error), name: card.authorityName, stage: stageName(toStage) });
    }
  };

  const moveBack = async (card: OnboardingRecord, toStage: string, reason: string) => {
    setRefusal(null);
    setOverrides((current) => ({ ...current, [card.id]: { stage: toStage, version: card.version, pending: true } }));
    try {
      const { data } = await dataProvider.moveOnboardingBack({ id: card.id, version: card.version, toStage, reason });
      applyMoved(data);
      notify('board.moved', { type: 'success', messageArgs: { name: card.authorityName, stage: stageName(toStage) } });
      refetch();
    } catch (error) {
      dropOverride(card.id);
      setRefusal({ ...moveErrorOf(error), name: card.authorityName, stage: stageName(toStage) });
    }
  };

  const onDrop = (event: DragEvent, toStage: string) => {
    event.preventDefault();
    setDropTarget(null);
    setDragging(null);
    const id = event.dataTransfer.getData(DRAG_TYPE) || event.dataTransfer.getData('text/plain');
    const card = cardById.get(id);
    if (card) moveTo(card, toStage);
  };

  /** A card dropped on a column, or moved with its menu: later stages advance (one mutation), earlier ones ask for the reason first. */
  const moveTo = (card: OnboardingRecord, toStage: string) => {
    const from = stageIndex(card.stage);
    const to = stageIndex(toStage);
    if (to > from && mayAdvance) void advance(card, toStage);
    else if (to < from && mayMoveBack) setPendingBack({ card, toStage });
  };
  const moveToRef = useRef(moveTo);
  moveToRef.current = moveTo;
  const onMove = useCallback((id: string, toStage: string) => {
    const card = cardById.get(id);
    if (card) moveToRef.current(card, toStage);
  }, [cardById]);

  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const runWave = async () => {
    setWaveRunning(true);
    setRefusal(null);
    try {
      const { data } = await dataProvider.advanceOnboardings({ ids: [...selected], toStage: waveTarget || undefined });
      for (const result of data) if (result.moved && result.onboarding) applyMoved(result.onboarding);
      setWaveResults(data);
      setSelected(new Set());
      refetch();
    } catch (error) {
      const failure = moveErrorOf(error);
      notify('board.failed', { type: 'error', messageArgs: { message: [failure.message, ...failure.reasons.map((r) => refusalText(r, stages))].join(' · ') } });
    } finally {
      setWaveRunning(false);
    }
  };

  const onDragStart = useCallback((event: DragEvent, id: string) => {
    event.dataTransfer.setData(DRAG_TYPE, id);
    event.dataTransfer.setData('text/plain', id);
    event.dataTransfer.effectAllowed = 'move';
    setDragging(id);
  }, []);
  const onDragEnd = useCallback(() => {
    setDragging(null);
    setDropTarget(null);
  }, []);

  const now = Date.now();
  const draggingCard = dragging ? cardById.get(dragging) : undefined;

  return (
    <Box sx={{ mt: 1, minWidth: 0 }}>
      <Title title="board.title" />
      <Box sx={{ mb: 2, display: 'flex', flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
        <TextField
          select
          size="small"
          label={translate('board.service')}
          value={services?.some((s) => s.id === serviceId) ? serviceId : ''}
          onChange={(event) => {
            setServiceId(event.target.value);
            setWaveId('');
          }}
          fullWidth={false}
          sx={{ width: 320 }}
          slotProps={{ htmlInput: { 'data-testid': 'board-service' } }}
        >
          {(services ?? []).map((service) => (
            <MenuItem key={service.id} value={service.id}>
              {service.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={translate('board.state')}
          value={stateId}
          onChange={(event) => setStateId(event.target.value)}
          fullWidth={false}
          sx={{ width: 240 }}
          slotProps={{ htmlInput: { 'data-testid': 'board-state' }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{translate('board.all_states')}</MenuItem>
          {(states ?? []).map((state) => (
            <MenuItem key={state.id} value={state.id}>
              {state.name} ({state.code})
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label={translate('board.rollout_wave')}
          value={waves?.some((w) => w.id === waveId) ? waveId : ''}
          onChange={(event) => setWaveId(event.target.value)}
          fullWidth={false}
          sx={{ width: 280 }}
          slotProps={{ htmlInput: { 'data-testid': 'board-wave' }, select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{translate('board.all_waves')}</MenuItem>
          {(waves ?? []).map((wave) => (
            <MenuItem key={wave.id} value={wave.id}>
              {wave.name}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary">
          {translate('board.cards', { smart_count: board?.total ?? 0 })}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ flex: '1 1 300px' }}>
          {translate(mayAdvance ? 'board.drag_hint' : 'board.read_only_hint')}
        </Typography>
      </Box>

      {mayWave && selected.size > 0 && (
        <Paper variant="outlined" sx={{ p: 1.5, mb: 2 }}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {translate('board.wave.selected', { smart_count: selected.size })}
            </Typography>
            <TextField
              select
              size="small"
              label={translate('board.wave.target')}
              value={waveTarget}
              onChange={(event) => setWaveTarget(event.target.value)}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              fullWidth={false}
              sx={{ width: 240 }}
            >
              <MenuItem value="">{translate('board.wave.next_stage')}</MenuItem>
              {stages.slice(1).map((stage) => (
                <MenuItem key={stage.key} value={stage.key}>
                  {stageName(stage.key)}
                </MenuItem>
              ))}
            </TextField>
            <Button variant="contained" onClick={() => void runWave()} disabled={waveRunning}>
              {translate('board.wave.advance')}
            </Button>
            <Button onClick={() => setSelected(new Set())} disabled={waveRunning}>
              {translate('board.wave.clear')}
            </Button>
          </Stack>
          {waveRunning && <LinearProgress sx={{ mt: 1 }} />}
        </Paper>
      )}

      {refusal && (
        <Alert severity="warning" sx={{ mb: 2 }} onClose={() => setRefusal(null)} data-testid="board-refusal">
          <AlertTitle>{translate('board.refused_title', { name: refusal.name, stage: refusal.stage })}</AlertTitle>
          {refusal.reasons.length > 0 ? (
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {refusal.reasons.map((reason, i) => (
                <li key={i}>{refusalText(reason, stages)}</li>
              ))}
            </Box>
          ) : (
            refusal.message
          )}
        </Alert>
      )}

      {isFetching && !cardsPending && <LinearProgress sx={{ mb: 1 }} />}
      {cardsError ? (
        <Alert severity="error">{moveErrorOf(cardsError).message}</Alert>
      ) : !serviceId || stagesPending || cardsPending ? (
        <Loading />
      ) : stages.length === 0 ? (
        <Alert severity="info">{translate('board.no_stages')}</Alert>
      ) : (
        <Box sx={{ display: 'flex', gap: 1.5, overflowX: 'auto', pb: 2, alignItems: 'flex-start' }} data-testid="board">
          {stages.map((stage) => {
            const list = columns.get(stage.key) ?? [];
            const total = totals.get(stage.key) ?? 0;
            // Loaded from the API for this column (first page + "+ N more" pages): where the next page starts.
            const loaded = (board?.columns.find((c) => c.stage === stage.key)?.cards.length ?? 0) + (more[stage.key]?.length ?? 0);
            const remaining = Math.max(0, total - loaded);
            const accepts =
              draggingCard !== undefined &&
              ((stageIndex(stage.key) > stageIndex(draggingCard.stage) && mayAdvance) ||
                (stageIndex(stage.key) < stageIndex(draggingCard.stage) && mayMoveBack));
            return (
              <Paper
                key={stage.key}
                variant="outlined"
                role="region"
                aria-label={stageName(stage.key)}
                data-stage={stage.key}
                onDragOver={(event) => {
                  if (!accepts) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                  if (dropTarget !== stage.key) setDropTarget(stage.key);
                }}
                onDragLeave={() => setDropTarget((current) => (current === stage.key ? null : current))}
                onDrop={(event) => onDrop(event, stage.key)}
                sx={{
                  flex: '0 0 272px',
                  bgcolor: dropTarget === stage.key ? 'action.selected' : 'background.default',
                  borderColor: dropTarget === stage.key ? 'primary.main' : accepts ? 'primary.light' : undefined,
                  borderStyle: accepts ? 'dashed' : 'solid',
                  minHeight: 200,
                }}
              >
                <Box sx={{ px: 1.5, py: 1, display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
                  <Typography variant="subtitle2" component="h2">
                    {stage.position}. {stageName(stage.key)}
                  </Typography>
                  <Typography
                    variant="caption"
                    color="text.secondary"
                    data-testid="board-column-total"
                    aria-label={translate('board.column_count', { shown: Math.min(list.length, Math.max(total, list.length)), total: Math.max(total, list.length) })}
                  >
                    {Math.max(total, list.length)}
                  </Typography>
                </Box>
                <Stack
                  spacing={1}
                  sx={{ px: 1, pb: 1, maxHeight: 'calc(100vh - 230px)', minHeight: 120, overflowY: 'auto' }}
                  onScroll={(event) => {
                    // Scrolled near the end of a column with more cards: the next page.
                    const el = event.currentTarget;
                    if (remaining > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 80) void loadMore(stage.key, loaded);
                  }}
                >
                  {list.length === 0 && (
                    <Typography variant="body2" color="text.secondary" sx={{ px: 0.5, py: 2, textAlign: 'center' }}>
                      {translate('board.empty_column')}
                    </Typography>
                  )}
                  {list.map((card) => (
                    <BoardCard
                      key={card.id}
                      card={card}
                      now={now}
                      draggable={mayAdvance && card.status === 'ACTIVE' && !overrides[card.id]?.pending}
                      moveTargets={
                        card.status === 'ACTIVE' && !overrides[card.id]?.pending
                          ? stages
                              .filter((s) => (stageIndex(s.key) > stageIndex(card.stage) && mayAdvance) || (stageIndex(s.key) < stageIndex(card.stage) && mayMoveBack))
                              .map((s) => ({ key: s.key, name: stageName(s.key) }))
                          : NO_TARGETS
                      }
                      onMove={onMove}
                      pending={Boolean(overrides[card.id]?.pending)}
                      selectable={mayWave}
                      selected={selected.has(card.id)}
                      onToggle={toggle}
                      onDragStart={onDragStart}
                      onDragEnd={onDragEnd}
                    />
                  ))}
                  {remaining > 0 && (
                    <Button
                      size="small"
                      data-testid="board-more"
                      disabled={Boolean(loadingMore[stage.key])}
                      onClick={() => void loadMore(stage.key, loaded)}
                      aria-label={translate('board.load_more', { count: Math.min(remaining, PAGE), stage: stageName(stage.key) })}
                      sx={{ flexShrink: 0 }}
                    >
                      {loadingMore[stage.key] ? translate('board.loading_more') : translate('board.more', { smart_count: remaining })}
                    </Button>
                  )}
                </Stack>
              </Paper>
            );
          })}
        </Box>
      )}

      <MoveBackDialog
        pending={pendingBack}
        stageName={stageName}
        onCancel={() => setPendingBack(null)}
        onConfirm={(reason) => {
          if (pendingBack) void moveBack(pendingBack.card, pendingBack.toStage, reason);
          setPendingBack(null);
        }}
      />
      <WaveResultDialog results={waveResults} cards={cardById} fetched={fetched} stageName={stageName} stages={stages} onClose={() => setWaveResults(null)} />
    </Box>
  );
};

const NO_TARGETS: { key: string; name: string }[] = [];

interface BoardCardProps {
  card: OnboardingRecord;
  now: number;
  draggable: boolean;
  /** The stages the card may be moved to with its menu (the keyboard's way to do what dragging does). */
  moveTargets: { key: string; name: string }[];
  onMove: (id: string, toStage: string) => void;
  pending: boolean;
  selectable: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
  onDragStart: (event: DragEvent, id: string) => void;
  onDragEnd: () => void;
}

/** One onboarding: authority, state, specialist system, days in stage, blocking obstacles, paused. */
const BoardCard = memo(({ card, now, draggable, moveTargets, onMove, pending, selectable, selected, onToggle, onDragStart, onDragEnd }: BoardCardProps) => {
  const translate = useTranslate();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const blocking = card.blockingTitles;
  const paused = card.status === 'ON_HOLD';
  const days = Math.max(0, Math.floor((now - new Date(card.stageEnteredAt).getTime()) / DAY_MS));
  const system = card.specialistSystem;
  return (
    <Card
      variant="outlined"
      draggable={draggable}
      onDragStart={(event) => onDragStart(event, card.id)}
      onDragEnd={onDragEnd}
      data-testid="board-card"
      data-onboarding-id={card.id}
      aria-label={card.authorityName}
      sx={{
        flexShrink: 0,
        cursor: draggable ? 'grab' : 'default',
        opacity: pending ? 0.6 : paused ? 0.75 : 1,
        borderLeft: 4,
        borderLeftColor: blocking.length > 0 ? 'error.main' : paused ? 'warning.main' : 'divider',
        bgcolor: paused ? 'action.hover' : 'background.paper',
      }}
    >
      <CardContent sx={{ p: 1, '&:last-child': { pb: 1 } }}>
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-start' }}>
          {selectable && (
            <Checkbox
              size="small"
              checked={selected}
              onChange={() => onToggle(card.id)}
              sx={{ p: 0.25 }}
              slotProps={{ input: { 'aria-label': translate('board.select_card', { name: card.authorityName }) } }}
            />
          )}
          <Box sx={{ minWidth: 0, flex: 1 }}>
            <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
              <Typography variant="body2" sx={{ fontWeight: 500, lineHeight: 1.3, flex: 1 }}>
                {card.authorityName}
              </Typography>
              {moveTargets.length > 0 && (
                <>
                  <IconButton
                    size="small"
                    sx={{ p: 0.25, mt: -0.25 }}
                    aria-label={translate('board.move_menu', { name: card.authorityName })}
                    aria-haspopup="menu"
                    onClick={(event) => setMenuAnchor(event.currentTarget)}
                  >
                    <MoreVertIcon fontSize="small" />
                  </IconButton>
                  <Menu anchorEl={menuAnchor} open={menuAnchor !== null} onClose={() => setMenuAnchor(null)}>
                    <ListSubheader sx={{ lineHeight: 2 }}>{translate('board.move_to')}</ListSubheader>
                    {moveTargets.map((target) => (
                      <MenuItem
                        key={target.key}
                        onClick={() => {
                          setMenuAnchor(null);
                          onMove(card.id, target.key);
                        }}
                      >
                        {target.name}
                      </MenuItem>
                    ))}
                  </Menu>
                </>
              )}
            </Stack>
            <Typography variant="caption" color="text.secondary" component="div">
              {card.stateCode ?? '–'} · {system ?? translate('board.no_system')}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="div">
              {translate('board.days_in_stage', { smart_count: days })}
            </Typography>
            {(blocking.length > 0 || paused) && (
              <Stack direction="row" spacing={0.5} sx={{ mt: 0.5, flexWrap: 'wrap' }} useFlexGap>
                {blocking.length > 0 && (
                  <Tooltip title={blocking.join(' · ')}>
                    <Chip
                      size="small"
                      color="error"
                      icon={<BlockIcon />}
                      label={`${translate('board.blocked')} (${blocking.length})`}
                      aria-label={translate('board.blocked_count', { smart_count: blocking.length })}
                    />
                  </Tooltip>
                )}
                {paused && (
                  <Tooltip title={card.statusReason ? translate('board.paused_reason', { reason: card.statusReason }) : ''}>
                    <Chip size="small" color="warning" variant="outlined" icon={<PauseCircleIcon />} label={translate('board.paused')} />
                  </Tooltip>
                )}
              </Stack>
            )}
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
});

const MoveBackDialog = ({
  pending,
  stageName,
  onCancel,
  onConfirm,
}: {
  pending: PendingBack | null;
  stageName: (key: string) => string;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) => {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  useEffect(() => setReason(''), [pending]);
  return (
    <Dialog open={pending !== null} onClose={onCancel} fullWidth maxWidth="sm">
      {pending && (
        <>
          <DialogTitle>{translate('board.back.title', { name: pending.card.authorityName, stage: stageName(pending.toStage) })}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{translate('board.back.text')}</DialogContentText>
            <TextField
              autoFocus
              fullWidth
              multiline
              minRows={2}
              label={translate('board.back.reason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{translate('board.back.cancel')}</Button>
            <Button variant="contained" disabled={reason.trim() === ''} onClick={() => onConfirm(reason.trim())}>
              {translate('board.back.confirm')}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
};

const WaveResultDialog = ({
  results,
  cards,
  fetched,
  stageName,
  stages,
  onClose,
}: {
  results: WaveResult[] | null;
  cards: Map<string, OnboardingRecord>;
  fetched: OnboardingRecord[] | undefined;
  stageName: (key: string) => string;
  stages: readonly StageLabelSource[];
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const refusalText = useRefusalText();
  const nameOf = (id: string) => cards.get(id)?.authorityName ?? fetched?.find((c) => c.id === id)?.authorityName ?? id;
  return (
    <Dialog open={results !== null} onClose={onClose} fullWidth maxWidth="md">
      <DialogTitle>{translate('board.wave.result_title')}</DialogTitle>
      {results && (
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>
            {translate('board.wave.moved_count', { moved: results.filter((r) => r.moved).length, total: results.length })}
          </DialogContentText>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('board.wave.onboarding')}</TableCell>
                <TableCell>{translate('board.wave.result')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {results.map((result) => (
                <TableRow key={result.id}>
                  <TableCell>{nameOf(result.id)}</TableCell>
                  <TableCell>
                    {result.moved ? (
                      <Typography variant="body2" color="success.main">
                        ✓ {translate('board.wave.moved', { stage: stageName(result.onboarding?.stage ?? '') })}
                      </Typography>
                    ) : (
                      <>
                        <Typography variant="body2" color="error.main">
                          ✗ {translate('board.wave.refused')}
                          {result.code ? ` (${result.code})` : ''}
                        </Typography>
                        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                          {refusalItemsOf(result.refusals, result.reasons).map((reason, i) => (
                            <li key={i}>
                              <Typography variant="body2">{refusalText(reason, stages)}</Typography>
                            </li>
                          ))}
                        </Box>
                      </>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </DialogContent>
      )}
      <DialogActions>
        <Button onClick={onClose}>{translate('board.wave.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

export default BoardPage;
