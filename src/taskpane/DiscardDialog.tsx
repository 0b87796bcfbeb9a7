import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { Locale } from '../domain';
import { strings } from './i18n';

export interface DiscardDialogProps {
  locale: Locale;
  /** Rows with unsent changes; the dialog is open while this is set. */
  unsent: number | null;
  onDiscard: () => void;
  onCancel: () => void;
}

/**
 * Asks before a pull or search replaces a roster sheet holding unsent changes. Cancel is the
 * default (focused first, and Escape or a click outside cancels too), so a hurried Enter keeps
 * the admin's work.
 */
export function DiscardDialog({ locale, unsent, onDiscard, onCancel }: DiscardDialogProps) {
  const t = strings[locale].roster.unsent;
  return (
    <Dialog open={unsent !== null} onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby="discard-dialog-body">
        <DialogBody>
          <DialogTitle>{t.title}</DialogTitle>
          <DialogContent id="discard-dialog-body">{t.ask(unsent ?? 0)}</DialogContent>
          <DialogActions>
            {/* Fluent's dialog focuses the element marked autoFocus first. */}
            <Button appearance="primary" autoFocus onClick={onCancel}>
              {t.cancel}
            </Button>
            <Button onClick={onDiscard}>{t.discard}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
