import { Empty } from '../../ui/states.tsx';

export function DispatchScreen() {
  return <Empty />;
}
