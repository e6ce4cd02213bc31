import { Empty } from '../../ui/states.tsx';

export function BerthPlanScreen() {
  return <Empty />;
}
