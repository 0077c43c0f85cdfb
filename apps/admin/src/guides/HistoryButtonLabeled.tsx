import HistoryIcon from '@mui/icons-material/History';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { GuideHistoryDialog } from './GuideHistoryDialog';

/** "History" on the edit page of a section: the history dialog. */
export const HistoryButtonLabeled = () => {
  const record = useRecordContext<{ id: string; title: string }>();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!record) return null;
  return (
    <>
      <Button size="small" startIcon={<HistoryIcon />} onClick={() => setOpen(true)} data-testid="guide-history-open">
        {translate('guide.history.button')}
      </Button>
      {open && <GuideHistoryDialog sectionId={String(record.id)} title={record.title} open={open} onClose={() => setOpen(false)} />}
    </>
  );
};
