import { Empty } from '../../ui/states.tsx';

export function ContainersScreen() {
  return <Empty />;
}
