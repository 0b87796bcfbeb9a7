import type { Locale } from '../domain';

/** Japanese when Office's display language is Japanese (`ja`, `ja-JP`), English otherwise. */
export function localeOf(displayLanguage: string | undefined): Locale {
  return /^ja(?:-|$)/i.test(displayLanguage ?? '') ? 'ja' : 'en';
}

const ja = {
  title: '名簿管理',
  subtitle: 'ユーザーアカウントを Excel で一括管理',
  serverUrl: 'サーバーの URL',
  tenant: '組織ID',
  userName: 'ユーザーID',
  password: 'パスワード',
  signIn: 'ログイン',
  signingIn: 'ログインしています…',
  signOut: 'ログアウト',
  signedInAs: (name: string, id: string) => `${name}（${id}）としてログイン中`,
  profile: 'サービス',
  help: '使い方',
  steps: {
    label: '作業の手順',
    names: ['接続', '取得', '編集・チェック', '確認', '送信'],
    hints: [
      'サーバーの URL・組織ID・管理者のユーザーIDとパスワードでログインします（ほかの SCIM サービスには URL とアクセストークンで接続します）。',
      '「名簿を取得」で、今の名簿をシート「名簿」に読み込みます。',
      'シートで行を追加・変更・削除します。問題のあるセルには赤い印とメモが付きます。',
      '「変更内容を確認」で、送信する追加・更新・削除と、送信されない行を確かめます。',
      '「送信」で変更をサーバーに送ります。各行の結果は「結果」列と「送信記録」シートに残ります。',
    ],
    current: (n: number, name: string) => `手順${n}/5: ${name}`,
  },
  tokenNote: 'ログイン情報はこのウィンドウのメモリにだけ保持され、ブックには保存されません。',
  errors: {
    required: (field: string) => `${field}を入力してください。`,
    network: 'サーバーに接続できません。URL を確認してください。',
    wrongPassword: 'ユーザーID またはパスワードが正しくありません。',
    notAdmin: 'このアカウントには名簿を管理する権限がありません。',
    tooMany: (s: number) =>
      `ログインの失敗が続いたため、${Math.ceil(s / 60)}分ほど待ってからやり直してください。`,
    noTenant: '組織が見つかりません。組織IDを確認してください。',
    other: (detail: string) => `ログインできませんでした: ${detail}`,
  },
  // Another SCIM 2.0 service, connected with a bearer token (issue 19).
  scim: {
    choose: '接続先',
    roster: '名簿管理サーバー（ユーザーID とパスワードでログイン）',
    other: 'ほかの SCIM 2.0 サービス（アクセストークンで接続）',
    baseUrl: 'SCIM のベース URL',
    token: 'アクセストークン（Bearer）',
    connect: '接続',
    connecting: '接続しています…',
    disconnect: '切断',
    tokenNote: 'トークンはこのウィンドウのメモリにだけ保持され、ブックには保存されません。',
    found: (host: string) =>
      `${host} の SCIM 2.0 サービスに接続しています（名簿管理サーバーではありません）。`,
    columns: (n: number) => `列: ${n}項目（サービスが公開しているスキーマから作成）`,
    supports: 'このサービスでできること',
    bulk: (yes: boolean): string =>
      yes ? '一括送信: あり' : '一括送信: なし（1人ずつ、同時に最大4件まで送信します）',
    etag: (yes: boolean): string =>
      yes
        ? '取得後の変更の検知: あり'
        : '取得後の変更の検知: なし（送信前に各ユーザーを読み直し、取得後にサーバーで変わった項目は競合として扱います）',
    filter: (yes: boolean, caseExact: boolean): string =>
      !yes
        ? '検索: なし（全員を読み込んでから探します）'
        : caseExact
          ? '検索: 大文字と小文字を区別するため、全員を読み込んでから探します'
          : '検索: あり',
    patch: (yes: boolean): string => (yes ? '部分更新: あり' : '部分更新: なし（更新は失敗します）'),
    extensions: (n: number): string =>
      n === 0 ? '拡張スキーマ: なし' : `拡張スキーマ: ${n}件（単純な項目を列にしました）`,
    notOffered:
      '過去の時点の名簿、登録メール、サーバーでのチェックはこのサービスにないため表示していません。',
    badUrl:
      'ベース URL の形式が正しくありません。暗号化された接続の URL を、クエリを付けずに入力してください。',
    unauthorized: 'トークンが受け付けられませんでした。トークンを確認してください。',
    notFound: 'この URL に SCIM 2.0 サービスが見つかりません。ベース URL を確認してください。',
    failed: (detail: string) => `接続できませんでした: ${detail}`,
  },
  roster: {
    pull: '名簿を取得',
    pulling: (done: number, total: number) => `名簿を取得しています… ${done} / ${total}件`,
    pulled: (n: number) => `${n}件のユーザーをシート「名簿」に取得しました。`,
    searchField: '検索する項目',
    searchText: '検索する文字',
    search: '検索結果を取得',
    fields: { memberNumber: '会員番号', displayName: '表示名', email: 'メールアドレス' },
    validate: 'チェック',
    validating: 'チェックしています…',
    autoValidate: '入力のたびにチェックする',
    noProblems: '問題は見つかりませんでした。',
    problems: (n: number) => `${n}件の問題があります。クリックするとセルを選択します。`,
    group: (n: number, label: string) => `${n}件: ${label}`,
    more: (n: number) => `ほか${n}件はシートの印で確認できます。`,
    deletedRow: '削除する行',
    asOf: '過去の時点の名簿',
    asOfPick: '更新日時を選ぶ',
    asOfLoad: '履歴を読み込む',
    asOfPull: 'この時点の名簿を取得',
    asOfPulled: (n: number, sheet: string) =>
      `${n}件のユーザーを読み取り専用のシート「${sheet}」に取得しました。`,
    changes: (n: number) => `${n}件の変更`,
    unsent: {
      title: '送信していない変更',
      ask: (n: number) => `送信していない変更が${n}件あります。破棄して取得しますか？`,
      cancel: 'キャンセル',
      discard: '破棄して取得',
    },
    mangled: (row: number, col: string) =>
      `Excel が ${row}行目の '${col}' の値を変えてしまいました。シートを確認してください。`,
  },
  mail: {
    title: '登録メール',
    hint: '「仮登録」「利用待ち」のユーザーの行をシートで選択してから送信します。前に送ったURLは使えなくなります。',
    send: '選択した行のユーザーに登録メールを送信',
    none: '選択した行にユーザーがいません。名簿シートでユーザーの行を選択してください。',
    sent: (n: number) => `${n}件のユーザーに登録メールを送信しました（ステータス: 利用待ち）。`,
    refused: (n: number) => `${n}件は送信できませんでした:`,
    check: 'メールの送信状況を確認',
    allSent: '未送信・送信失敗のメールはありません。',
    pending: (n: number) => `送信待ち ${n}件`,
    failed: (n: number) => `送信失敗 ${n}件`,
    kinds: {
      invitation: 'ユーザー登録のご案内',
      registered: '登録完了',
      passwordSet: 'パスワードのお知らせ',
      passwordUpdated: 'パスワード変更のお知らせ',
    } as Record<string, string>,
    retry: '送信に失敗したメールを再送する',
    retried: (n: number) => `${n}件のメールを再送します。`,
    all: '「仮登録」「利用待ち」のユーザー全員に登録メールを送信',
    noPending: 'シートに「仮登録」「利用待ち」のユーザーはいません。',
    allTitle: '登録メールの一括送信',
    allAsk: (n: number) =>
      `シートにある「仮登録」「利用待ち」のユーザー${n}件に登録メールを送信します。前に送ったURLは使えなくなります。送信しますか？`,
    allSend: '送信する',
    cancel: 'キャンセル',
  },
  submit: {
    title: '変更を送信',
    review: '変更内容を確認',
    stale:
      '確認の後にシートが変更されました。送信するのはシートの今の内容です。もう一度「変更内容を確認」すると最新の内容を確かめられます。',
    counts: (a: number, u: number, d: number, p: number) =>
      `追加 ${a}件・更新 ${u}件・削除 ${d}件・問題 ${p}件`,
    additions: '追加するユーザー',
    updates: '更新するユーザー',
    deletions: '削除するユーザー',
    row: (n: number) => `${n}行目`,
    modeInvite: 'ワンタイムURLを発行してユーザーがパスワードを設定（既定）',
    modePassword: '任意のパスワードを設定',
    passwordUpdates: '既存ユーザーのパスワードを更新する',
    sendMail:
      'ユーザー登録時にワンタイムURLをユーザーのメールアドレスに送信する（外すと「仮登録」になります）',
    mailPassword: '更新後のパスワードをユーザーのメールアドレスに送信する',
    passwordMailed: 'メールアドレスがあるユーザーには、設定したパスワードがメールで送信されます。',
    confirmDeletions: (n: number) =>
      `${n}件のユーザーを削除します。確認のため、削除する件数を半角数字で入力してください。`,
    confirmLabel: '削除する件数',
    check: 'サーバーでチェック',
    send: '送信',
    sending: (done: number, total: number, held: number) =>
      `送信しています… ${done} / ${total}件` + (held > 0 ? `（問題のある${held}件は送信しません）` : ''),
    cancel: '中止',
    willNotSend: (n: number, m: number) =>
      `${n}件は問題があるため送信されません（送信するのは${m}件）。理由は問題の一覧とシートの印を確認してください。`,
    tally: (ok: number, notSent: number, skipped: number, failed: number, conflicts: number, rows: number) =>
      `送信済み ${ok}件・未送信 ${notSent}件` +
      (notSent === 0
        ? ''
        : skipped === 0
          ? '（問題あり）'
          : skipped === notSent
            ? '（中止）'
            : `（問題あり ${notSent - skipped}件・中止 ${skipped}件）`) +
      `・失敗 ${failed}件・競合 ${conflicts}件（全${rows}件）`,
    done: (tally: string) => `送信しました。${tally}。`,
    checked: (ok: number, held: number, conflicts: number) =>
      held + conflicts === 0
        ? `サーバーでのチェックで問題は見つかりませんでした（${ok}件を送信できます）。`
        : `サーバーでのチェックの結果: 送信できる ${ok}件・問題があり送信されない ${held}件・競合 ${conflicts}件。理由は問題の一覧を確認してください。`,
    nothing: '送信する変更はありません。',
    exportErrors: 'エラー行を新しいシートに書き出す',
    exported: (n: number, sheet: string) => `${n}行をシート「${sheet}」に書き出しました。`,
    conflicts: '競合した行（取得後に他の管理者が変更しました）',
    showConflict: 'サーバーの値を見る',
    sheetSays: 'シート',
    serverSays: 'サーバー',
    takeServer: 'サーバーの値を使う',
    overwrite: '自分の変更で上書きする',
    resolved: (row: number) => `${row}行目の競合を解決しました。必要なら、もう一度送信してください。`,
  },
  // Issue 15, sheet tools (SheetTools.tsx).
  sheet: {
    title: 'シートの表示と補助',
    onlyProblems: '問題のある行だけ表示',
    filtered: (n: number) => `問題のある${n}行だけを表示しています（「結果」列のフィルター）。`,
    noneToShow: '問題のある行はありません。すべての行を表示しています。',
    allShown: 'すべての行を表示しています。',
    changedHint: '送信していない変更のセルは水色、問題のあるセルは赤で表示されます。',
    guide: '「列の説明」シートを作成',
    guideDone: (sheet: string) =>
      `シート「${sheet}」を作成しました。各列の入力できる値とルール、入力例を確認できます。`,
    newRoster: '新しい名簿を作成',
    newRosterHint: 'ユーザーがまだいない組織で、入力例を1行入れた空の名簿を作ります。',
    newRosterDone: (sheet: string) =>
      `シート「${sheet}」に新しい名簿を作成しました。入力例の行を書き換えて、ユーザーを追加してください。`,
    hasUsers: (n: number) => `この組織にはすでに${n}件のユーザーがいます。「名簿を取得」を使ってください。`,
    unsent: (n: number) => `送信していない変更が${n}件あります。送信するか破棄してから作成してください。`,
  },
};

export type Strings = typeof ja;

const en: Strings = {
  title: 'Roster Sheet',
  subtitle: 'Manage user accounts in bulk in Excel',
  serverUrl: 'Server URL',
  tenant: 'Organization ID',
  userName: 'User ID',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signedInAs: (name: string, id: string) => `Signed in as ${name} (${id})`,
  profile: 'Service',
  help: 'Help',
  steps: {
    label: 'Steps',
    names: ['Connect', 'Pull', 'Edit & check', 'Review', 'Submit'],
    hints: [
      'Sign in with the server URL, the organization ID and an administrator’s user ID and password (another SCIM service: its URL and an access token).',
      'Pull the roster: the current roster goes into the sheet "Roster".',
      'Add, change or delete rows in the sheet. Cells with problems get a red mark and a note.',
      'Review the changes: what will be added, updated and deleted, and which rows will not be sent.',
      'Submit sends the changes. Each row’s outcome stays in the Result column and the Submission log sheet.',
    ],
    current: (n: number, name: string) => `Step ${n} of 5: ${name}`,
  },
  tokenNote: 'Your sign-in stays in this pane’s memory only; it is never saved in the workbook.',
  errors: {
    required: (field: string) => `Enter the ${field.toLowerCase()}.`,
    network: 'Cannot reach the server. Check the URL.',
    wrongPassword: 'The user ID or password is wrong.',
    notAdmin: 'This account may not manage the roster.',
    tooMany: (s: number) =>
      `Too many failed sign-ins: wait about ${Math.ceil(s / 60)} minute(s) and try again.`,
    noTenant: 'No such organization. Check the organization ID.',
    other: (detail: string) => `Sign-in failed: ${detail}`,
  },
  // Another SCIM 2.0 service, connected with a bearer token (issue 19).
  scim: {
    choose: 'Connect to',
    roster: 'A Roster server (sign in with user ID and password)',
    other: 'Another SCIM 2.0 service (connect with an access token)',
    baseUrl: 'SCIM base URL',
    token: 'Access token (Bearer)',
    connect: 'Connect',
    connecting: 'Connecting…',
    disconnect: 'Disconnect',
    tokenNote: 'The token is kept in this window’s memory only, never in the workbook.',
    found: (host: string) => `Connected to the SCIM 2.0 service at ${host} (not a Roster server).`,
    columns: (n: number) => `Columns: ${n} (made from the schemas the service publishes)`,
    supports: 'What this service offers',
    bulk: (yes: boolean) => (yes ? 'Bulk: yes' : 'Bulk: no (one user per request, at most 4 at a time)'),
    etag: (yes: boolean) =>
      yes
        ? 'Change detection (ETag): yes'
        : 'Change detection (ETag): no (each changed user is read again before writing; fields changed on the service since the pull are conflicts)',
    filter: (yes: boolean, caseExact: boolean) =>
      !yes
        ? 'Search: no filter (every user is read, then searched)'
        : caseExact
          ? 'Search: the filter is case-sensitive, so every user is read, then searched'
          : 'Search: yes',
    patch: (yes: boolean) => (yes ? 'PATCH: yes' : 'PATCH: no (updates will fail)'),
    extensions: (n: number) =>
      n === 0 ? 'Extension schemas: none' : `Extension schemas: ${n} (their simple attributes are columns)`,
    notOffered:
      'Rosters as of a past time, registration mail and server checks are not offered by this service, so they are not shown.',
    badUrl: 'The base URL must be an https:// URL without a query.',
    unauthorized: 'The token was not accepted. Check the token.',
    notFound: 'No SCIM 2.0 service at this URL. Check the base URL.',
    failed: (detail: string) => `Could not connect: ${detail}`,
  },
  roster: {
    pull: 'Pull the roster',
    pulling: (done: number, total: number) => `Pulling the roster… ${done} of ${total}`,
    pulled: (n: number) => `Pulled ${n} users into the sheet "Roster".`,
    searchField: 'Search in',
    searchText: 'Text to find',
    search: 'Pull the search result',
    fields: { memberNumber: 'Member number', displayName: 'Display name', email: 'Email' },
    validate: 'Check',
    validating: 'Checking…',
    autoValidate: 'Check as I type',
    noProblems: 'No problems found.',
    problems: (n: number) => `${n} problem(s). Click one to select its cell.`,
    group: (n: number, label: string) => `${n}: ${label}`,
    more: (n: number) => `${n} more are marked on the sheet.`,
    deletedRow: 'Deleted row',
    asOf: 'Roster at a past time',
    asOfPick: 'Pick an update time',
    asOfLoad: 'Load the history',
    asOfPull: 'Pull the roster as of then',
    asOfPulled: (n: number, sheet: string) => `Pulled ${n} users into the read-only sheet "${sheet}".`,
    changes: (n: number) => `${n} change(s)`,
    unsent: {
      title: 'Unsent changes',
      ask: (n: number) => `You have ${n} unsent change(s). Discard them and pull?`,
      cancel: 'Cancel',
      discard: 'Discard and pull',
    },
    mangled: (row: number, col: string) =>
      `Excel changed the value of '${col}' in row ${row}. Check the sheet.`,
  },
  mail: {
    title: 'Registration mail',
    hint: 'Select the rows of Provisional or Waiting users in the sheet, then send. Earlier links stop working.',
    send: 'Send the registration mail to the selected users',
    none: 'No users in the selected rows. Select the rows of users in the roster sheet.',
    sent: (n: number) => `Registration mail sent to ${n} user(s) (status: Waiting).`,
    refused: (n: number) => `${n} could not be sent:`,
    check: 'Check mail delivery',
    allSent: 'No mail is waiting or has failed.',
    pending: (n: number) => `${n} waiting to be sent`,
    failed: (n: number) => `${n} failed`,
    kinds: {
      invitation: 'Registration invitation',
      registered: 'Registration complete',
      passwordSet: 'Password',
      passwordUpdated: 'Password changed',
    } as Record<string, string>,
    retry: 'Send the failed mail again',
    retried: (n: number) => `${n} mail(s) will be sent again.`,
    all: 'Send the registration mail to every Provisional or Waiting user',
    noPending: 'The sheet has no Provisional or Waiting users.',
    allTitle: 'Send registration mail to all',
    allAsk: (n: number) =>
      `Send the registration mail to the ${n} Provisional or Waiting user(s) in the sheet? Links sent earlier stop working.`,
    allSend: 'Send',
    cancel: 'Cancel',
  },
  submit: {
    title: 'Submit changes',
    review: 'Review the changes',
    stale:
      'The sheet changed after this review. Submit sends what the sheet holds now; review again to see it.',
    counts: (a: number, u: number, d: number, p: number) =>
      `${a} to add, ${u} to update, ${d} to delete, ${p} problem(s)`,
    additions: 'Users to add',
    updates: 'Users to update',
    deletions: 'Users to delete',
    row: (n: number) => `Row ${n}`,
    modeInvite: 'Users set their own password from a one-time URL (default)',
    modePassword: 'Set the passwords typed in the sheet',
    passwordUpdates: 'Update passwords of existing users',
    sendMail: 'Mail each new user the one-time registration URL now (unchecked: they stay Provisional)',
    mailPassword: 'Mail the updated password to each user',
    passwordMailed: 'Users with an email address get the password you set by mail.',
    confirmDeletions: (n: number) => `${n} users will be deleted. To confirm, type the number of deletions.`,
    confirmLabel: 'Number of deletions',
    check: 'Check with the server',
    send: 'Submit',
    sending: (done: number, total: number, held: number) =>
      `Submitting… ${done} of ${total}` + (held > 0 ? ` (${held} with problems are not sent)` : ''),
    cancel: 'Cancel',
    willNotSend: (n: number, m: number) =>
      `${n} row(s) have problems and will not be sent (${m} will be). See why in the problems list and on the sheet.`,
    tally: (ok: number, notSent: number, skipped: number, failed: number, conflicts: number, rows: number) =>
      `${ok} sent, ${notSent} not sent` +
      (notSent === 0
        ? ''
        : skipped === 0
          ? ' (problems)'
          : skipped === notSent
            ? ' (cancelled)'
            : ` (${notSent - skipped} with problems, ${skipped} cancelled)`) +
      `, ${failed} failed, ${conflicts} conflict(s), of ${rows} rows`,
    done: (tally: string) => `Submitted: ${tally}.`,
    checked: (ok: number, held: number, conflicts: number) =>
      held + conflicts === 0
        ? `The server found no problems (${ok} can be sent).`
        : `Server check: ${ok} can be sent, ${held} have problems and will not be sent, ${conflicts} conflict(s). See the problems list for why.`,
    nothing: 'There is nothing to submit.',
    exportErrors: 'Export error rows to a new sheet',
    exported: (n: number, sheet: string) => `Exported ${n} row(s) to the sheet "${sheet}".`,
    conflicts: 'Conflicted rows (another administrator changed them after the pull)',
    showConflict: 'Show the server’s values',
    sheetSays: 'Sheet',
    serverSays: 'Server',
    takeServer: 'Take the server’s values',
    overwrite: 'Overwrite with my changes',
    resolved: (row: number) => `Row ${row} is settled. Submit again if needed.`,
  },
  // Issue 15, sheet tools (SheetTools.tsx).
  sheet: {
    title: 'Sheet view and aids',
    onlyProblems: 'Show only rows with problems',
    filtered: (n: number) => `Showing only the ${n} row(s) with problems (a filter on the Result column).`,
    noneToShow: 'No rows have problems. Every row is shown.',
    allShown: 'Every row is shown.',
    changedHint: 'Unsent changes are shaded blue; cells with problems, red.',
    guide: 'Create the Column guide sheet',
    guideDone: (sheet: string) =>
      `Created the sheet "${sheet}": what each column accepts, its rules, and an example.`,
    newRoster: 'Create a new roster',
    newRosterHint: 'For an organization with no users yet: an empty roster with one example row.',
    newRosterDone: (sheet: string) =>
      `Created a new roster in the sheet "${sheet}". Overwrite the example row to add users.`,
    hasUsers: (n: number) => `This organization already has ${n} user(s). Use "Pull the roster" instead.`,
    unsent: (n: number) => `You have ${n} unsent change(s). Submit or discard them first.`,
  },
};

export const strings: Record<Locale, Strings> = { ja, en };
