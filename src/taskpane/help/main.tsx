import { createRoot } from 'react-dom/client';
import { localeOf } from '../i18n';
import { ColumnTables } from './ColumnTables';
import { Help } from './Help';

// The page's language: ?lang=ja|en (the pane links it so), else the browser's.
const asked = new URLSearchParams(window.location.search).get('lang');
const locale = localeOf(asked ?? navigator.language);
document.documentElement.lang = locale;
createRoot(document.getElementById('root')!).render(
  <Help locale={locale} columns={<ColumnTables locale={locale} />} />,
);
