// The rules core shared by the add-in and the server: pure, no I/O, no clock.
export * from './types';
export * from './profile';
export { profiles, profileById, type ProfileId } from './profiles';
export { ROSTER_USER_EXTENSION } from './profiles/urn';
export {
  genericProfile,
  CORE_USER_SCHEMA,
  PRIMARY_EMAIL_PATH,
  type ScimAttributeDef,
  type ScimSchemaDef,
  type UserResourceTypeDef,
} from './profiles/generic';
export { validateRows, rowModeOf, isBlankRow, cellText } from './validateRows';
export {
  diffRoster,
  ID_COLUMN,
  type Addition,
  type Change,
  type Changeset,
  type Deletion,
  type DiffOptions,
  type Update,
} from './diffRoster';
export { formatProblem, rowPrefix, withoutRowPrefix, type MessageKey } from './messages';
export { ext } from './profiles/urn';
export { choiceLabel, choiceList, choiceText, choiceValue } from './choices';
export { sortKeyOf, sortRoster } from './sortRoster';
export { changedCells } from './changedCells';
export { allowedValues, columnGuide, exampleRow } from './columnGuide';
