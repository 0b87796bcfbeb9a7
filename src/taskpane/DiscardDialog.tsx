import type { Locale } from '../domain';
import { ConfirmDialog } from './ConfirmDialog';
import { strings } from './i18n';

export interface DiscardDialogProps {
  locale: Locale;
  /** Rows with unsent changes; the dialog is open while this is set. */
  unsent: number | null;
  onDiscard: () => void;
  onCancel: () => void;
}

/** Asks before a pull or search replaces a roster sheet holding unsent changes (cancel first). */
export function DiscardDialog({ locale, unsent, onDiscard, onCancel }: DiscardDialogProps) {
  const t = strings[locale].roster.unsent;
  return (
    <ConfirmDialog
      open={unsent !== null}
      title={t.title}
      question={t.ask(unsent ?? 0)}
      confirm={t.discard}
      cancel={t.cancel}
      onConfirm={onDiscard}
      onCancel={onCancel}
    />
  );
}
