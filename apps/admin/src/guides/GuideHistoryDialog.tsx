import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { diffLines } from 'diff';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useIntlLocale } from '../common/useIntlLocale';
import { useCustomQuery } from '../common/useCustomQuery';
import { useWaveApi, type GuideSectionVersion } from '../waves/waveApi';

/** The whole content of a version as text, for the diff (title, milestone, body). */
const asText = (v: GuideSectionVersion) => `# ${v.title}\n[${v.milestoneKey ?? '—'}]\n\n${v.body}\n`;

/** A line diff (jsdiff) of two versions: removed lines red and struck through, added lines green. */
const Diff = ({ before, after }: { before: GuideSectionVersion | undefined; after: GuideSectionVersion }) => {
  const parts = diffLines(before ? asText(before) : '', asText(after));
  return (
    <Box component="pre" data-testid="guide-diff" sx={{ whiteSpace: 'pre-wrap', fontSize: 13, m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1 }}>
      {parts.map((p, i) => (
        <Box
          key={i}
          component={p.added ? 'ins' : p.removed ? 'del' : 'span'}
          sx={{ display: 'block', textDecoration: p.removed ? 'line-through' : 'none', bgcolor: p.added ? 'rgba(46,125,50,0.18)' : p.removed ? 'rgba(211,47,47,0.15)' : 'transparent' }}
        >
          {p.value}
        </Box>
      ))}
    </Box>
  );
};

/** Every version of a section (who, when), a version's changes against the one before, or both side by side. */
export const GuideHistoryDialog = ({ sectionId, title, open, onClose }: { sectionId: string; title: string; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const locale = useIntlLocale();
  const api = useWaveApi();
  const { data, error } = useCustomQuery(open ? `${sectionId}` : undefined, async () => ({ data: await api.versions(sectionId) }));
  const [selected, setSelected] = useState(0);
  const [mode, setMode] = useState<'diff' | 'side'>('diff');
  const versions = data ?? [];
  const current = versions[selected];
  const previous = versions[selected + 1];
  const when = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="lg" data-testid="guide-history">
      <DialogTitle>{translate('guide.history.title', { title })}</DialogTitle>
      <DialogContent>
        {error ? <Alert severity="error">{translate('guide.history.error')}</Alert> : null}
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 3 }}>
            <List dense data-testid="guide-versions">
              {versions.map((v, i) => (
                <ListItemButton key={v.revision} selected={i === selected} onClick={() => setSelected(i)}>
                  <ListItemText primary={translate('guide.history.version', { revision: v.revision })} secondary={translate('guide.history.by', { author: v.author, date: when(v.createdAt) })} />
                </ListItemButton>
              ))}
            </List>
          </Grid>
          <Grid size={{ xs: 12, md: 9 }}>
            {current && (
              <>
                <Tabs value={mode} onChange={(_e, value) => setMode(value)} sx={{ mb: 1 }}>
                  <Tab value="diff" label={translate('guide.history.diff')} />
                  <Tab value="side" label={translate('guide.history.side_by_side')} />
                </Tabs>
                <Typography variant="subtitle2" gutterBottom>
                  {previous ? translate('guide.history.changes', { from: previous.revision, to: current.revision }) : translate('guide.history.first')}
                </Typography>
                {mode === 'diff' ? (
                  <Diff before={previous} after={current} />
                ) : (
                  <Grid container spacing={1}>
                    {[previous, current].map((v, i) => (
                      <Grid key={i} size={6}>
                        <Typography variant="caption">{v ? translate(i === 0 ? 'guide.history.before' : 'guide.history.after', { revision: v.revision }) : ''}</Typography>
                        <Box component="pre" sx={{ whiteSpace: 'pre-wrap', fontSize: 13, m: 0, p: 1, bgcolor: 'action.hover', borderRadius: 1, minHeight: 80 }}>
                          {v ? asText(v) : ''}
                        </Box>
                      </Grid>
                    ))}
                  </Grid>
                )}
              </>
            )}
          </Grid>
        </Grid>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('guide.history.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
