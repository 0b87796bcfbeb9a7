import type { Column, Profile } from '../profile';
import type { RowMode } from '../types';
import { ext } from './urn';

// Seed 000 (JAIRO Cloud institutional repository): the Excel input items are all required,
// the member number is assigned, the user ID never changes, two roles are available.
const EDITING: readonly RowMode[] = ['register-invite', 'update'];

const columns: readonly Column[] = [
  {
    key: 'memberNumber',
    header: { ja: '会員番号', en: 'Member number' },
    scim: ext('memberNumber'),
    kind: 'identifier',
    editable: false,
    serverManaged: true,
    writeOnly: false,
    immutable: true,
    rules: [{ type: 'noExponent' }],
    ignoredIn: [],
  },
  {
    key: 'userName',
    header: { ja: 'ユーザーID', en: 'User ID' },
    scim: 'userName',
    kind: 'identifier',
    editable: true,
    serverManaged: false,
    writeOnly: false,
    immutable: true,
    rules: [
      { type: 'required', in: EDITING },
      { type: 'noExponent' },
      { type: 'noWhitespace' },
      { type: 'unique', caseInsensitive: true },
    ],
    ignoredIn: [],
  },
  {
    key: 'displayName',
    header: { ja: '表示名', en: 'Display name' },
    scim: 'displayName',
    kind: 'text',
    editable: true,
    serverManaged: false,
    writeOnly: false,
    immutable: false,
    rules: [{ type: 'required', in: EDITING }],
    ignoredIn: [],
  },
  {
    key: 'email',
    header: { ja: 'メールアドレス', en: 'Email' },
    scim: 'emails[primary eq true].value',
    kind: 'email',
    editable: true,
    serverManaged: false,
    writeOnly: false,
    immutable: false,
    rules: [
      { type: 'required', in: EDITING },
      { type: 'length', max: 255 },
      { type: 'email' },
      { type: 'unique', caseInsensitive: true },
    ],
    ignoredIn: [],
  },
  {
    key: 'role',
    header: { ja: '権限', en: 'Role' },
    scim: ext('role'),
    kind: 'enum',
    editable: true,
    serverManaged: false,
    writeOnly: false,
    immutable: false,
    options: [
      { value: '図書館員', label: { ja: '図書館員', en: 'Librarian (Repository Administrator)' } },
      { value: '教員', label: { ja: '教員', en: 'Faculty (Contributor)' } },
    ],
    rules: [
      { type: 'required', in: EDITING },
      {
        type: 'oneOf',
        rejected: [
          {
            value: 'Community Administrator',
            reason: {
              ja: 'Community Administrator権限は現在JAIRO Cloudでは利用できません',
              en: 'the Community Administrator role is not available in JAIRO Cloud',
            },
          },
        ],
      },
    ],
    ignoredIn: [],
    defaultValue: '教員',
  },
  {
    // Seed 000: users who have not completed registration are shown with a pending status so an
    // administrator can send the mail again. Set by the server only.
    key: 'status',
    header: { ja: 'ステータス', en: 'Status' },
    scim: ext('status'),
    kind: 'enum',
    editable: false,
    serverManaged: true,
    writeOnly: false,
    immutable: false,
    options: [
      { value: '1', label: { ja: '利用中', en: 'Active' }, serverOnly: true },
      { value: 'provisional', label: { ja: '仮登録', en: 'Provisional' }, serverOnly: true },
      { value: 'waiting', label: { ja: '利用待ち', en: 'Waiting' }, serverOnly: true },
      // Not in seed 000: `active: false` from Entra ID or Okta (deprovisioning), reversible.
      { value: 'disabled', label: { ja: '無効', en: 'Disabled' }, serverOnly: true },
    ],
    rules: [],
    ignoredIn: [],
  },
];

/** Profile `jairo`: user accounts of an institutional repository (seed 000). */
export const jairo: Profile = {
  id: 'jairo',
  name: { ja: 'JAIRO Cloud（機関リポジトリ）', en: 'JAIRO Cloud (institutional repository)' },
  columns,
  modes: ['register-invite', 'update'],
  userNameColumn: 'userName',
  roleColumn: 'role',
  adminRoles: ['図書館員'],
  locks: { directorySynced: [], selfRegistered: [] },
  // Seed 000: the password must be stronger than 平均(50%), i.e. zxcvbn score 3 or more; the
  // display name may be changed on the page; unregistered users are not found by search.
  registration: { minStrengthScore: 3, userEditable: ['displayName'], searchHidesPending: true },
  inactiveStatus: 'disabled',
  sortColumn: 'memberNumber',
};
