import { useState } from 'react';
import { errorText } from './errorText';
import type { Strings } from './i18n';

/** What a pane section says after an action. */
export type PanelMessage = {
  intent: 'success' | 'warning' | 'error' | 'info';
  text: string;
  lines?: string[];
};

/**
 * One action at a time for a pane section: `run` marks it busy, clears the old message, and
 * shows what the action returns, or its error in the pane's words.
 */
export function useBusyRun(t: Strings) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<PanelMessage | null>(null);
  const run = async (work: () => Promise<PanelMessage | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (e) {
      setMessage({ intent: 'error', text: errorText(e, t) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, setMessage, run };
}
