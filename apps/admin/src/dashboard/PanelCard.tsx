import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** The frame of every dashboard panel: a card with a title (a heading for screen readers' navigation) and a short hint. */
export const PanelCard = ({ id, title, hint, children }: { id: string; title: string; hint?: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" component="section" aria-labelledby={`dashboard-${id}-title`} data-testid={`dashboard-${id}`} sx={{ height: '100%' }}>
      <CardContent>
        <Typography id={`dashboard-${id}-title`} variant="h6" component="h2" gutterBottom>
          {translate(title)}
        </Typography>
        {hint ? (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
            {translate(hint)}
          </Typography>
        ) : null}
        {children}
      </CardContent>
    </Card>
  );
};
