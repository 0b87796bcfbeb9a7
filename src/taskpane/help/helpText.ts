import type { Locale } from '../../domain';

/** One step of the walkthrough: what to do, and a picture of the pane and sheet at that step. */
export interface HelpStep {
  mark: string;
  title: string;
  paragraphs: string[];
  /** File under assets/help/, taken by the browser tests (test-results/screenshots). */
  image: string;
  alt: string;
}

export interface HelpText {
  title: string;
  intro: string;
  steps: HelpStep[];
  columnsTitle: string;
  columnsIntro: string;
  other: string;
}

const ja: HelpText = {
  title: '名簿管理の使い方',
  intro:
    '名簿管理は、サービス（EQ・JAIRO Cloud）のユーザーアカウントを Excel のシートで一括して追加・変更・削除するアドインです。作業ウィンドウの上部に、今どの手順にいるかが表示されます。',
  steps: [
    {
      mark: '①',
      title: '接続',
      paragraphs: [
        '［ホーム］タブの［名簿管理］を押すと作業ウィンドウが開きます。',
        'サーバーの URL、組織ID、管理者のユーザーIDとパスワードでログインします。ログイン情報は作業ウィンドウのメモリにだけ保持され、ブックには保存されません。',
      ],
      image: 'connect-ja.png',
      alt: 'ログイン後の作業ウィンドウ。手順「取得」が強調されている',
    },
    {
      mark: '②',
      title: '取得',
      paragraphs: [
        '「名簿を取得」を押すと、今の名簿がシート「名簿」に書き込まれます。ユーザーID（EQ）または会員番号（JAIRO Cloud）の順に並びます。',
        '検索する項目と文字を指定して、一部のユーザーだけを取得することもできます。送信していない変更があるシートを取得し直すときは、破棄してよいかを確認します（既定はキャンセル）。',
      ],
      image: 'pull-ja.png',
      alt: '送信していない変更があるシートに取得し直すときの確認',
    },
    {
      mark: '③',
      title: '編集・チェック',
      paragraphs: [
        '行を追加・変更し、削除するユーザーは行ごと削除します。権限などの選択肢の列は「2:管理者」の形で表示され、ドロップダウンから選ぶほか、「2」や「管理者」と入力しても同じ意味になります。',
        '入力のたびにチェックされ、問題のあるセルには赤い印とメモが付きます。作業ウィンドウには問題が種類ごとにまとめて表示され、クリックするとそのセルを選択します。',
      ],
      image: 'problems-ja.png',
      alt: '問題のあるセルの赤い印と、種類ごとにまとめた問題の一覧',
    },
    {
      mark: '④',
      title: '確認',
      paragraphs: [
        '「変更内容を確認」で、追加・更新・削除の件数と内容、問題があるため送信されない行を確かめます。',
        '「サーバーでチェック」を押すと、何も変更せずに、重複などサーバーでしか分からない問題も確かめられます。',
      ],
      image: 'check-ja.png',
      alt: 'サーバーでのチェックの結果',
    },
    {
      mark: '⑤',
      title: '送信',
      paragraphs: [
        '「送信」で変更をサーバーに送ります。各行の「結果」列に「送信済み」「未送信（問題あり）」「失敗（理由）」「競合」のどれかが表示されます。',
        'シート「送信記録」には、送信の日時・送信者・サーバー・件数と、各行の内容と結果が追記されます。',
      ],
      image: 'receipt-ja.png',
      alt: 'シート「送信記録」',
    },
  ],
  columnsTitle: '列の説明',
  columnsIntro:
    'サービスごとの列と、入力できる値・規則です。作業ウィンドウの「列の説明」で、同じ内容をブックのシートとして作ることもできます。',
  other: 'English',
};

const en: HelpText = {
  title: 'Using Roster Sheet',
  intro:
    'Roster Sheet is an Excel add-in to add, change and delete the user accounts of your service (EQ, JAIRO Cloud) in bulk, in a sheet. The top of the pane shows which step you are at.',
  steps: [
    {
      mark: '1',
      title: 'Connect',
      paragraphs: [
        'Press Roster Sheet on the Home tab to open the pane.',
        'Sign in with the server URL, the organization ID and an administrator’s user ID and password. Your sign-in stays in the pane’s memory only and is never saved in the workbook.',
      ],
      image: 'connect-en.png',
      alt: 'The pane after signing in, with the step Pull highlighted',
    },
    {
      mark: '2',
      title: 'Pull',
      paragraphs: [
        'Pull the roster: the current roster is written to the sheet "Roster", sorted by user ID (EQ) or member number (JAIRO Cloud).',
        'A search pulls only some users. Pulling again into a sheet with unsent changes asks before discarding them (Cancel is the default).',
      ],
      image: 'pull-en.png',
      alt: 'The question before a pull replaces a sheet with unsent changes',
    },
    {
      mark: '3',
      title: 'Edit & check',
      paragraphs: [
        'Add and change rows; delete the row of a user to delete the user. Choice columns such as Role show "2:Administrator"; pick from the drop-down, or type "2" or "Administrator".',
        'Each edit is checked: cells with problems get a red mark and a note, and the pane lists the problems by kind (click one to select its cell).',
      ],
      image: 'problems-en.png',
      alt: 'Problem cells marked red, and the problems listed by kind',
    },
    {
      mark: '4',
      title: 'Review',
      paragraphs: [
        'Review the changes: how many rows will be added, updated and deleted, and which rows have problems and will not be sent.',
        'Check with the server asks the server too (duplicates and other rules only it knows) without changing anything.',
      ],
      image: 'check-en.png',
      alt: 'The result of the server check',
    },
    {
      mark: '5',
      title: 'Submit',
      paragraphs: [
        'Submit sends the changes. Each row’s Result cell then says Sent, Not sent (problems), Failed (with the reason) or Conflict.',
        'The sheet "Submission log" gets a record of each submission: when, who, which server, the counts, and every row with its result.',
      ],
      image: 'receipt-en.png',
      alt: 'The sheet "Submission log"',
    },
  ],
  columnsTitle: 'The columns',
  columnsIntro:
    'The columns of each service, with the values and rules they take. The pane’s Column guide writes the same into a sheet of the workbook.',
  other: '日本語',
};

export const helpText: Record<Locale, HelpText> = { ja, en };
