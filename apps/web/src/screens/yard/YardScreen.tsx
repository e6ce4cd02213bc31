import { Empty } from '../../ui/states.tsx';

export function YardScreen() {
  return <Empty />;
}
