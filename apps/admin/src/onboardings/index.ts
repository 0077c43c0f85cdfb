import LinearScaleIcon from '@mui/icons-material/LinearScale';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const OnboardingList = lazy(() => import('./OnboardingList'));
const OnboardingShow = lazy(() => import('./OnboardingShow'));
const OnboardingEdit = lazy(() => import('./OnboardingEdit'));
const OnboardingCreate = lazy(() => import('./OnboardingCreate'));

/** `<Resource name="Onboarding" {...onboardings} />`: list, show (workflow), create, and edit of the detail fields. */
const onboardings = {
  list: OnboardingList,
  show: OnboardingShow,
  edit: OnboardingEdit,
  create: OnboardingCreate,
  icon: LinearScaleIcon,
  options: { label: 'onboarding.menu' },
  recordRepresentation: (record: { jiraKey?: string | null }) => record.jiraKey ?? '',
} satisfies Omit<ResourceProps, 'name'>;

export default onboardings;
