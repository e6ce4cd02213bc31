import { Empty } from '../../ui/states.tsx';

export function MapScreen() {
  return <Empty />;
}
