import { Empty } from '../../ui/states.tsx';

export function ReportsScreen() {
  return <Empty />;
}
