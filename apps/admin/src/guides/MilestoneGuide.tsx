import MenuBookIcon from '@mui/icons-material/MenuBook';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { LazyMarkdown } from './LazyMarkdown';

export interface GuideSectionRecord {
  id: string;
  serviceId: string;
  position: number;
  title: string;
  body: string;
  milestoneKey: string | null;
  revision: number;
}

/** The guide sections of a service, by the milestone template key they explain. */
export function useGuideByMilestone(serviceId: string | undefined): Map<string, GuideSectionRecord[]> {
  const { data } = useGetList<GuideSectionRecord>(
    'GuideSection',
    { filter: { serviceId }, pagination: { page: 1, perPage: 500 }, sort: { field: 'position', order: 'ASC' }, meta: { sparseFields: ['id', 'serviceId', 'position', 'title', 'body', 'milestoneKey', 'revision'] } },
    { enabled: Boolean(serviceId) },
  );
  return guideByMilestone(data ?? []);
}

/** Guide sections by the milestone template key they explain (in the given order). */
export function guideByMilestone(sections: readonly GuideSectionRecord[]): Map<string, GuideSectionRecord[]> {
  const map = new Map<string, GuideSectionRecord[]>();
  for (const s of sections) if (s.milestoneKey) map.set(s.milestoneKey, [...(map.get(s.milestoneKey) ?? []), s]);
  return map;
}

/** "Leitfaden" next to a milestone: folded by default, the linked sections rendered as Markdown when opened. */
export const MilestoneGuideToggle = ({ sections, open, onToggle, milestoneKey }: { sections: GuideSectionRecord[]; open: boolean; onToggle: () => void; milestoneKey: string }) => {
  const translate = useTranslate();
  if (sections.length === 0) return null;
  return (
    <Button size="small" startIcon={<MenuBookIcon fontSize="small" />} onClick={onToggle} aria-expanded={open} data-testid={`guide-toggle-${milestoneKey}`}>
      {translate('guide.on_milestone_count', { smart_count: sections.length })}
    </Button>
  );
};

export const MilestoneGuideBody = ({ sections, open, milestoneKey }: { sections: GuideSectionRecord[]; open: boolean; milestoneKey: string }) => (
  <Collapse in={open} unmountOnExit component="li" sx={{ listStyle: 'none' }}>
    <Box sx={{ px: 2, py: 1, bgcolor: 'action.hover', borderRadius: 1, mb: 1 }} data-testid={`guide-body-${milestoneKey}`}>
      {sections.map((s) => (
        <Box key={s.id} sx={{ mb: 1 }}>
          <Typography variant="subtitle2">{s.title}</Typography>
          <LazyMarkdown text={s.body} />
        </Box>
      ))}
    </Box>
  </Collapse>
);

export function useOpenGuides() {
  const [open, setOpen] = useState<Set<string>>(new Set());
  return {
    isOpen: (key: string) => open.has(key),
    toggle: (key: string) =>
      setOpen((prev) => {
        const next = new Set(prev);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
  };
}
