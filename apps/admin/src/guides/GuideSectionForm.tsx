import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { validateGuideSection } from '@efa/domain';
import { useWatch } from 'react-hook-form';
import { NumberInput, ReferenceInput, SelectInput, SimpleForm, TextInput, required, useGetList, useLocaleState, useTranslate } from 'react-admin';
import { useRuleValidator } from '../common/forms';
import { LazyMarkdown } from './LazyMarkdown';

const f = (field: string) => `guide.fields.${field}`;

/** What createGuideSection / updateGuideSection take, from the form's values. */
export const sectionInput = (data: Record<string, unknown>) => ({
  ...(data.id ? { id: data.id, version: data.version } : { serviceId: data.serviceId }),
  title: data.title,
  body: data.body ?? '',
  milestoneKey: data.milestoneKey || null,
  ...(data.position ? { position: data.position } : {}),
});

const MilestoneInput = () => {
  const serviceId = useWatch({ name: 'serviceId' }) as string | undefined;
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const { data } = useGetList<{ id: string; key: string; nameDe: string; nameEn: string; position: number }>(
    'MilestoneTemplate',
    { filter: { serviceId }, pagination: { page: 1, perPage: 200 }, sort: { field: 'position', order: 'ASC' }, meta: { sparseFields: ['id', 'key', 'nameDe', 'nameEn', 'position'] } },
    { enabled: Boolean(serviceId) },
  );
  const choices = [{ id: '', name: translate('guide.no_milestone') }, ...(data ?? []).map((t) => ({ id: t.key, name: `${locale === 'en' ? t.nameEn : t.nameDe} (${t.key})` }))];
  return <SelectInput source="milestoneKey" label={f('milestoneKey')} choices={choices} translateChoice={false} emptyText="guide.no_milestone" />;
};

const Preview = () => {
  const body = (useWatch({ name: 'body' }) as string | undefined) ?? '';
  const translate = useTranslate();
  return (
    <Box sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, minHeight: 200 }} data-testid="guide-preview">
      <Typography variant="overline">{translate('guide.preview')}</Typography>
      <LazyMarkdown text={body} />
    </Box>
  );
};

export const GuideSectionForm = ({ create = false, toolbar }: { create?: boolean; toolbar?: React.ReactElement | false }) => {
  const validate = useRuleValidator(
    (s) => validateGuideSection(s).filter((i) => i.field !== 'serviceId'),
    (v) => ({ serviceId: v.serviceId, title: v.title, body: v.body ?? '', milestoneKey: v.milestoneKey || null, position: v.position ?? 1 }),
  );
  return (
    <SimpleForm validate={validate} toolbar={toolbar}>
      <Grid container spacing={2} sx={{ width: '100%' }}>
        <Grid size={{ xs: 12, md: 6 }}>
          <ReferenceInput source="serviceId" reference="Service" sort={{ field: 'name', order: 'ASC' }}>
            <SelectInput label={f('serviceId')} optionText="name" validate={required()} disabled={!create} />
          </ReferenceInput>
          <TextInput source="title" label={f('title')} validate={required()} />
          <MilestoneInput />
          <NumberInput source="position" label={f('position')} min={1} />
          <TextInput source="body" label={f('body')} multiline minRows={12} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Preview />
        </Grid>
      </Grid>
    </SimpleForm>
  );
};
