import { Button, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface ConnectFooterProps {
  /** Why the last attempt failed, in the admin's words. */
  error: string | null;
  busy: boolean;
  /** The button's label, and what the spinner says while it works. */
  label: string;
  busyLabel: string;
  /** What happens to what was typed (kept in memory only). */
  note: string;
}

/** The end of both connect forms: the error, the submit button with its spinner, and the note. */
export function ConnectFooter({ error, busy, label, busyLabel, note }: ConnectFooterProps) {
  const styles = useStyles();
  return (
    <>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" type="submit" disabled={busy}>
        {busy ? <Spinner size="tiny" label={busyLabel} /> : label}
      </Button>
      <div className={styles.note}>{note}</div>
    </>
  );
}
