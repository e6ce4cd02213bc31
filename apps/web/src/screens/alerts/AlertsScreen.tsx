import { Empty } from '../../ui/states.tsx';

export function AlertsScreen() {
  return <Empty />;
}
