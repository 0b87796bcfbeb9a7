import { Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import type { Locale, Profile } from '../domain';
import type { ServerFeatures } from '../client/scimDiscovery';
import { strings } from './i18n';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    alignItems: 'flex-start',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface ScimServiceInfoProps {
  locale: Locale;
  host: string;
  features: ServerFeatures;
  /** The generic profile, once the pane has read it. */
  profile: Profile | undefined;
  onDisconnect: () => void;
}

/** What kind of server the pane found and what it supports (issue 19). */
export function ScimServiceInfo({ locale, host, features, profile, onDisconnect }: ScimServiceInfoProps) {
  const s = strings[locale].scim;
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={host}>
      <Subtitle2 as="h2">{host}</Subtitle2>
      <div>{s.found(host)}</div>
      {profile && <div className={styles.muted}>{s.columns(profile.columns.length)}</div>}
      <Caption1>{s.supports}</Caption1>
      <ul className={styles.list}>
        <li>{s.bulk(features.bulk)}</li>
        <li>{s.etag(features.etag)}</li>
        <li>{s.filter(features.filter, features.caseExactFilter)}</li>
        <li>{s.patch(features.patch)}</li>
        <li>{s.extensions(features.extensions.length)}</li>
      </ul>
      <Caption1 className={styles.muted}>{s.notOffered}</Caption1>
      <Button onClick={onDisconnect}>{s.disconnect}</Button>
    </section>
  );
}
