import type { ReactNode } from 'react';
import { Modal } from '../../ui/modal.tsx';

const DIALOG = {
  backdrop: 'dispatch-backdrop',
  dialog: 'dispatch-dialog',
  head: 'dispatch-dialog-head',
};
const DRAWER = {
  backdrop: 'dispatch-drawer-backdrop',
  dialog: 'dispatch-drawer',
  head: 'dispatch-dialog-head',
};

/** The board's dialogs (or, with `drawer`, a panel on the right): the admin's one Modal. */
export function Dialog({
  drawer = false,
  ...props
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  drawer?: boolean;
}) {
  return <Modal {...props} look={drawer ? DRAWER : DIALOG} />;
}
