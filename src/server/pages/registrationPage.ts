import type { FieldErrors } from '../registration/completeRegistration';
import type { PageText } from './pageText';

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const STYLE = `
  :root { color-scheme: light; --accent: #0f6cbd; --bad: #c50f1f; --ok: #107c10; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #f5f5f5; color: #242424;
    font: 15px/1.7 system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic UI", Meiryo, sans-serif; }
  main { max-width: 34rem; margin: 2.5rem auto; background: #fff; border-radius: 8px; padding: 2rem 2.25rem;
    box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  .tenant { color: #616161; font-size: .9rem; margin: 0; }
  h1 { font-size: 1.4rem; line-height: 1.35; margin: .25rem 0 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1.25rem;
    padding: .75rem 1rem; background: #fafafa; border: 1px solid #e0e0e0; border-radius: 6px; }
  dt { color: #616161; } dd { margin: 0; overflow-wrap: anywhere; }
  /* A phone: the page fills the screen, and each label sits above its value. */
  @media (max-width: 32rem) {
    main { margin: 0; border-radius: 0; box-shadow: none; padding: 1.25rem 1rem; }
    dl { grid-template-columns: 1fr; gap: 0; } dt { font-size: .85rem; } dd { margin-bottom: .4rem; }
  }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input[type=text], input[type=password] { width: 100%; font: inherit; padding: .45rem .6rem;
    border: 1px solid #8a8a8a; border-radius: 4px; }
  input[aria-invalid=true] { border-color: var(--bad); }
  .hint { color: #616161; font-size: .85rem; margin: .25rem 0 0; }
  .field-error, .errors { color: var(--bad); }
  .field-error { font-size: .9rem; margin: .25rem 0 0; }
  .errors { border: 1px solid var(--bad); border-radius: 6px; padding: 0 1rem; margin-bottom: 1rem; background: #fdf3f4; }
  .meter { height: .5rem; background: #e0e0e0; border-radius: 4px; overflow: hidden; margin-top: .5rem; }
  .meter > div { height: 100%; width: 0; background: var(--bad); }
  .meter[data-score="2"] > div { background: #bc4b09; } .meter[data-score="3"] > div,
  .meter[data-score="4"] > div { background: var(--ok); }
  #strength-label { font-size: .9rem; margin: .25rem 0 0; }
  #match.ok, #verdict.ok { color: var(--ok); } #verdict.bad { color: var(--bad); }
  .errors ul { margin: 0 0 .75rem; padding-left: 1.25rem; } .errors a { color: var(--bad); }
  a.login { display: inline-block; font-weight: 600; color: #fff; background: var(--accent); border-radius: 4px;
    padding: .55rem 1.5rem; text-decoration: none; }
  button { margin-top: 1.5rem; font: inherit; font-weight: 600; color: #fff; background: var(--accent);
    border: 0; border-radius: 4px; padding: .55rem 1.5rem; cursor: pointer; }
  button:disabled { background: #c7c7c7; cursor: not-allowed; }
  .done { color: var(--ok); }
`;

/** A whole page: strict CSP with a per-response nonce, so only our own script and style run. */
export function htmlDocument(p: {
  lang: string;
  title: string;
  nonce: string;
  body: string;
  script?: string;
}): string {
  return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(p.title)}</title>
<style nonce="${p.nonce}">${STYLE}</style>
</head>
<body>
<main>
${p.body}
</main>
${p.script ? `<script nonce="${p.nonce}">${p.script}</script>` : ''}
</body>
</html>`;
}

/** A line of a message page: a sentence, or a link (the service's login page). */
export type MessageLine = string | { href: string; text: string };

/** A page that only says something: done, expired, used, too many attempts. */
export function messagePage(p: {
  text: PageText;
  nonce: string;
  tenantName?: string;
  title: string;
  lines: readonly MessageLine[];
  done?: boolean;
}): string {
  const body = [
    p.tenantName ? `<p class="tenant">${escapeHtml(p.tenantName)}</p>` : '',
    `<h1${p.done ? ' class="done"' : ''}>${escapeHtml(p.title)}</h1>`,
    ...p.lines.map((l) =>
      typeof l === 'string'
        ? `<p>${escapeHtml(l)}</p>`
        : `<p><a class="login" href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a></p>`,
    ),
  ].join('\n');
  return htmlDocument({ lang: p.text.lang, title: p.title, nonce: p.nonce, body });
}

export interface FormPageInput {
  text: PageText;
  nonce: string;
  tenantName: string;
  user: { userName: string; displayName: string; email: string };
  deadline: string;
  /** Whether the user may change the display name here (jairo). */
  displayNameEditable: boolean;
  displayName: string;
  /**
   * What was typed in the password fields, when the form comes back with errors: kept, so a
   * mismatch or a rule is fixed in place instead of typed again from nothing (issue 15).
   */
  typed?: { password: string; confirm: string };
  /** The password column's rule in words (eq), if any. */
  passwordRule: string | null;
  /**
   * The lowest strength score accepted (jairo), or null where the profile's own rule decides
   * (eq: the tenant's character classes): then no strength meter is shown, since a meter
   * calling an accepted password とても弱い would contradict the page (issue 15).
   */
  minScore: number | null;
  csrf: string;
  actionUrl: string;
  strengthUrl: string;
  errors: FieldErrors;
}

function fieldError(id: string, message: string | undefined): string {
  return message ? `<p class="field-error" id="${id}-error">${escapeHtml(message)}</p>` : '';
}

function described(id: string, message: string | undefined, hint?: string): string {
  const ids = [hint, message ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return `${ids ? ` aria-describedby="${ids}"` : ''}${message ? ' aria-invalid="true"' : ''}`;
}

function typedValue(v: string | undefined): string {
  return v ? ` value="${escapeHtml(v)}"` : '';
}

/** The registration form: the account, the password twice with a live strength meter. */
export function formPage(p: FormPageInput): string {
  const t = p.text;
  const e = p.errors;
  const anyError = Object.values(e).some(Boolean);
  const nameField = p.displayNameEditable
    ? `<label for="displayName">${t.displayName}</label>
<input type="text" id="displayName" name="displayName" value="${escapeHtml(p.displayName)}" autocomplete="name"${described('displayName', e.displayName)}>
${fieldError('displayName', e.displayName)}`
    : '';
  const meter = p.minScore !== null;
  const rules = [p.passwordRule, meter ? t.strengthRule : null].filter(Boolean) as string[];
  // The summary names each field to fix and links to it, in the page's order.
  const labels = { displayName: t.displayName, password: t.password, confirm: t.confirm } as const;
  const toFix = (['displayName', 'password', 'confirm'] as const).filter((k) => e[k]);
  const summary = `<div class="errors" role="alert"><p>${t.errorsTitle}</p><ul>${toFix
    .map((k) => `<li><a href="#${k}">${labels[k]}</a></li>`)
    .join('')}</ul></div>`;
  const meterHtml = meter
    ? `<div class="meter" id="meter" data-score="-1" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow="0" aria-labelledby="strength-label"><div></div></div>
<p id="strength-label" aria-live="polite"></p>
<p class="hint" id="strength-feedback"></p>
`
    : '';
  const body = `<p class="tenant">${escapeHtml(p.tenantName)}</p>
<h1>${t.title}</h1>
<p>${t.lead}</p>
${anyError ? summary : ''}
<dl aria-label="${t.account}">
<dt>${t.userName}</dt><dd id="userName">${escapeHtml(p.user.userName)}</dd>
${p.displayNameEditable ? '' : `<dt>${t.displayName}</dt><dd>${escapeHtml(p.user.displayName)}</dd>`}
<dt>${t.email}</dt><dd>${escapeHtml(p.user.email)}</dd>
<dt>${t.deadline}</dt><dd>${escapeHtml(p.deadline)}</dd>
</dl>
<p class="hint">${t.userNameFixed}</p>
<form id="register" method="post" action="${escapeHtml(p.actionUrl)}" novalidate
  data-strength-url="${escapeHtml(p.strengthUrl)}"
  data-match="${escapeHtml(t.match)}" data-mismatch="${escapeHtml(t.mismatch)}" data-rule-ok="${escapeHtml(t.ruleOk)}"${
    meter ? ` data-strength="${escapeHtml(t.strength)}"` : ''
  }
  data-join="${t.lang === 'ja' ? '' : ' '}">
<input type="hidden" name="csrf" value="${escapeHtml(p.csrf)}">
${nameField}
<label for="password">${t.password}</label>
<input type="password" id="password" name="password" autocomplete="new-password" required${typedValue(p.typed?.password)}${described('password', e.password, rules.length ? 'password-rule' : undefined)}>
${rules.length ? `<p class="hint" id="password-rule">${rules.map(escapeHtml).join('<br>')}</p>` : ''}
${meterHtml}<p class="hint" id="verdict" aria-live="polite"></p>
${fieldError('password', e.password)}
<label for="confirm">${t.confirm}</label>
<input type="password" id="confirm" name="confirm" autocomplete="new-password" required${typedValue(p.typed?.confirm)}${described('confirm', e.confirm)}>
<p class="hint" id="match" aria-live="polite"></p>
${fieldError('confirm', e.confirm)}
<button type="submit" id="register-button">${t.submit}</button>
</form>`;
  return htmlDocument({ lang: t.lang, title: t.title, nonce: p.nonce, body, script: METER_SCRIPT });
}

/**
 * The page's only script: asks the server, as the user types, what it would say of the
 * password (the same judgement the form gets: eq the tenant's character classes, jairo the
 * strength, scored with the same zxcvbn setup), shows it, and keeps the button disabled until
 * both passwords match and the server has not refused the password (seed 000: 「強度が［平均
 * (50%)］以下の場合、［登録する］ボタンを押せません」). The meter (jairo only) shows the strength
 * the verdict is made from, so the two never disagree. When the check cannot be asked, the
 * button is left to the match and the server judges the form; without script the form still
 * works the same way.
 */
const METER_SCRIPT = `
(function () {
  var form = document.getElementById('register');
  var pw = form.elements.password, confirm = form.elements.confirm, name = form.elements.displayName;
  var meter = document.getElementById('meter'), label = document.getElementById('strength-label');
  var feedback = document.getElementById('strength-feedback'), match = document.getElementById('match');
  var verdict = document.getElementById('verdict'), button = document.getElementById('register-button');
  // none (nothing typed), pending (asked), ok, bad (refused), unknown (could not ask).
  var state = 'none', seq = 0, timer;
  function refresh() {
    var same = pw.value !== '' && pw.value === confirm.value;
    // While the server's own verdict on the confirmation is shown, it is not said twice.
    var told = document.getElementById('confirm-error') !== null;
    match.textContent = confirm.value === '' || told ? '' : same ? form.dataset.match : form.dataset.mismatch;
    match.className = same ? 'hint ok' : 'hint';
    button.disabled = !same || state === 'pending' || state === 'bad';
  }
  function show(r) {
    state = r === null ? 'none' : !r ? 'unknown' : r.accepted ? 'ok' : 'bad';
    var told = document.getElementById('password-error') !== null;
    verdict.textContent = !r || told ? '' : r.accepted ? form.dataset.ruleOk : r.problem;
    verdict.className = 'hint' + (r && !told ? (r.accepted ? ' ok' : ' bad') : '');
    if (meter) {
      var s = r && typeof r.score === 'number' ? r : null;
      meter.dataset.score = String(s ? s.score : -1);
      meter.firstElementChild.style.width = s ? Math.max(s.percent, 5) + '%' : '0';
      meter.setAttribute('aria-valuenow', s ? String(s.percent) : '0');
      label.textContent = s ? form.dataset.strength + ': ' + s.label + ' (' + s.percent + '%)' : '';
      feedback.textContent = s ? [s.warning].concat(s.suggestions).filter(Boolean).join(form.dataset.join) : '';
    }
    refresh();
  }
  function check() {
    var mine = ++seq;
    if (pw.value === '') { show(null); return; }
    fetch(form.dataset.strengthUrl, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': form.elements.csrf.value },
      body: JSON.stringify({ password: pw.value, displayName: name ? name.value : undefined })
    }).then(function (res) { return res.ok ? res.json() : undefined; }, function () { return undefined; })
      .then(function (r) { if (mine === seq) show(r); });
  }
  // The server's verdict on what was sent before no longer applies once the field changes.
  function forget(input) {
    var old = document.getElementById(input.id + '-error');
    if (old) old.remove();
    input.removeAttribute('aria-invalid');
  }
  function later() {
    clearTimeout(timer);
    state = pw.value === '' ? 'none' : 'pending';
    timer = setTimeout(check, 150);
    refresh();
  }
  pw.addEventListener('input', function () { forget(pw); later(); });
  if (name) name.addEventListener('input', function () { forget(name); later(); });
  confirm.addEventListener('input', function () { forget(confirm); refresh(); });
  // Judged at once (a form that came back keeps what was typed), the password when the answer comes.
  if (pw.value) { state = 'pending'; check(); }
  refresh();
})();
`;
