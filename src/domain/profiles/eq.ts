import type { Column, Profile } from '../profile';
import type { RowMode } from '../types';
import { ext } from './urn';

// Seed 004 (video platform): the column rules table and the bulk register/update screens.
const ALL_BUT_PASSWORD_UPDATE: readonly RowMode[] = ['register-invite', 'register-password', 'update'];
const ONLY_PASSWORD_UPDATE: readonly RowMode[] = ['update-password'];

const columns: readonly Column[] = [
  {
    key: 'displayName',
    header: { ja: 'ユーザー名', en: 'User name' },
    scim: 'displayName',
    kind: 'text',
    editable: true,
    serverManaged: false,
    writeOnly: false,
    immutable: false,
    rules: [
      { type: 'required', in: ALL_BUT_PASSWORD_UPDATE },
      { type: 'length', max: 50 },
      { type: 'noWhitespace' },
    ],
    ignoredIn: ONLY_PASSWORD_UPDATE,
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
    // Blank on registration: the server assigns one (seed: 未指定の場合は自動採番されます).
    rules: [
      { type: 'required', in: ['update', 'update-password'] },
      { type: 'noExponent' },
      { type: 'length', min: 4, max: 32 },
      { type: 'identifier', allowed: 'A-Z a-z 0-9 - _ .' },
      { type: 'unique', caseInsensitive: true },
    ],
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
    // On update the column must be there; a blank value removes the address (seed 004).
    rules: [
      { type: 'required', in: ['register-invite'] },
      { type: 'columnPresent', in: ['update'] },
      { type: 'length', max: 255 },
      { type: 'email' },
      { type: 'unique', caseInsensitive: true },
    ],
    ignoredIn: ONLY_PASSWORD_UPDATE,
  },
  {
    key: 'password',
    header: { ja: 'パスワード', en: 'Password' },
    scim: 'password',
    kind: 'password',
    editable: true,
    serverManaged: false,
    writeOnly: true,
    immutable: false,
    rules: [
      { type: 'required', in: ['register-password', 'update-password'] },
      { type: 'forbidden', in: ['register-invite'] },
      { type: 'length', min: 8, max: 128 },
      { type: 'password' },
    ],
    // Seed: with 「パスワード以外の項目を更新」 a typed password is not applied.
    ignoredIn: ['update'],
  },
  {
    key: 'groups',
    header: { ja: '所属グループID', en: 'Group IDs' },
    // RFC 7643 4.1.2 makes the core `groups` read-only (membership changes go through Group
    // resources); the sheet sets membership per user, so it writes this extension attribute.
    scim: ext('groupIds'),
    kind: 'idList',
    editable: true,
    serverManaged: false,
    writeOnly: false,
    immutable: false,
    rules: [{ type: 'columnPresent', in: ['update'] }, { type: 'noExponent' }, { type: 'idList' }],
    ignoredIn: ONLY_PASSWORD_UPDATE,
  },
  {
    key: 'remarks',
    header: { ja: '備考', en: 'Remarks' },
    scim: ext('remarks'),
    kind: 'text',
    editable: true,
    serverManaged: false,
    writeOnly: false,
    immutable: false,
    rules: [{ type: 'columnPresent', in: ['update'] }],
    ignoredIn: ONLY_PASSWORD_UPDATE,
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
      { value: '0', label: { ja: '一般ユーザー', en: 'User' } },
      { value: '1', label: { ja: '編集者', en: 'Editor' } },
      { value: '2', label: { ja: '管理者', en: 'Administrator' } },
    ],
    rules: [{ type: 'required', in: ALL_BUT_PASSWORD_UPDATE }, { type: 'oneOf' }],
    ignoredIn: ONLY_PASSWORD_UPDATE,
    defaultValue: '0',
  },
  {
    key: 'canComment',
    header: { ja: 'コメント可否', en: 'Can comment' },
    scim: ext('canComment'),
    kind: 'enum',
    editable: true,
    serverManaged: false,
    writeOnly: false,
    immutable: false,
    options: [
      { value: '0', label: { ja: 'コメント不可', en: 'Cannot comment' } },
      { value: '1', label: { ja: 'コメント可', en: 'Can comment' } },
    ],
    rules: [
      { type: 'requiredWhen', in: ALL_BUT_PASSWORD_UPDATE, column: 'role', equals: '0' },
      { type: 'oneOf' },
    ],
    ignoredIn: ONLY_PASSWORD_UPDATE,
    defaultValue: '1',
  },
  {
    key: 'status',
    header: { ja: 'ステータス', en: 'Status' },
    scim: ext('status'),
    kind: 'enum',
    editable: true,
    serverManaged: false,
    writeOnly: false,
    immutable: false,
    options: [
      { value: '1', label: { ja: '利用中', en: 'Active' } },
      { value: '2', label: { ja: '利用停止中', en: 'Suspended' }, fromServerOnly: true },
      { value: 'provisional', label: { ja: '仮登録', en: 'Provisional' }, serverOnly: true },
      { value: 'waiting', label: { ja: '利用待ち', en: 'Waiting' }, serverOnly: true },
    ],
    // Blank on registration: the server decides (provisional, waiting or active).
    rules: [{ type: 'required', in: ['update'] }, { type: 'oneOf' }],
    // SPEC: provisional and waiting are set by the server and shown read-only in their own column.
    serverStates: { key: 'registration', header: { ja: '登録状態', en: 'Registration' } },
    ignoredIn: ONLY_PASSWORD_UPDATE,
  },
];

/** Profile `eq`: bulk users of a video platform (seed 004). */
export const eq: Profile = {
  id: 'eq',
  name: { ja: 'EQ（動画配信）', en: 'EQ (video platform)' },
  columns,
  modes: ['register-invite', 'register-password', 'update', 'update-password'],
  userNameColumn: 'userName',
  roleColumn: 'role',
  adminRoles: ['2'],
  locks: {
    // 同期しているユーザーは「パスワード」「所属グループID」「備考」のみ更新できます。
    directorySynced: ['displayName', 'email', 'role', 'canComment', 'status'],
    // 本人登録ユーザーは「所属グループID」「備考」「権限」「コメント可否」「ステータス」のみ更新可能。
    // (The user ID is immutable for every user, so it needs no lock here.)
    selfRegistered: ['displayName', 'email', 'password'],
  },
  // Seed 004 asks only for the password rule of the site settings on the one-time URL page.
  registration: { minStrengthScore: null, userEditable: [], searchHidesPending: false },
  inactiveStatus: '2',
};
