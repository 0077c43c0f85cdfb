import { EditButton, TopToolbar, useResourceDefinition } from 'react-admin';
import type { WatchTarget } from './notificationApi';
import { WatchToggle } from './WatchToggle';

/** A show page's actions: the watch toggle, then react-admin's edit button (which checks the user's access itself). */
export const WatchActions = ({ targetType }: { targetType: WatchTarget }) => {
  const { hasEdit } = useResourceDefinition();
  return (
    <TopToolbar>
      <WatchToggle targetType={targetType} />
      {hasEdit && <EditButton />}
    </TopToolbar>
  );
};
