import { Empty } from '../../ui/states.tsx';

export function VesselsScreen() {
  return <Empty />;
}
