import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useId } from 'react';

export interface ConfirmDialogProps {
  /** The dialog is open while this holds. */
  open: boolean;
  title: string;
  question: string;
  confirm: string;
  cancel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before something that cannot be taken back. Cancel is the default (focused first, and
 * Escape or a click outside cancels too), so a hurried Enter changes nothing.
 */
export function ConfirmDialog(p: ConfirmDialogProps) {
  const body = useId();
  return (
    <Dialog open={p.open} onOpenChange={(_, d) => !d.open && p.onCancel()}>
      <DialogSurface aria-describedby={body}>
        <DialogBody>
          <DialogTitle>{p.title}</DialogTitle>
          <DialogContent id={body}>{p.question}</DialogContent>
          <DialogActions>
            {/* Fluent's dialog focuses the element marked autoFocus first. */}
            <Button appearance="primary" autoFocus onClick={p.onCancel}>
              {p.cancel}
            </Button>
            <Button onClick={p.onConfirm}>{p.confirm}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
