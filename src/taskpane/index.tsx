import { createRoot } from 'react-dom/client';
import { officeReady, officeRosterSheet } from '../excel/officeHost';
import { App } from './App';
import { localeOf } from './i18n';

officeReady().then(
  (host) => {
    const root = createRoot(document.getElementById('root')!);
    root.render(
      <App
        locale={localeOf(host.displayLanguage)}
        fetchFn={(input, init) => fetch(input, init)}
        // The page's own origin: the dev server proxies /t/ to the Roster server, and in production
        // the server sits behind the same https origin (an https pane cannot call an http server).
        defaultConnection={{ serverUrl: window.location.origin, tenant: 'demo-eq' }}
        sheet={officeRosterSheet(host)}
      />,
    );
  },
  (e: unknown) => {
    // In a browser tab, outside Office, there is no Excel to start on: taskpane.html shows how to
    // open the add-in instead. In Office this is a real failure and stays one.
    if (document.getElementById('outside-office')?.hidden === false) return;
    throw e;
  },
);
