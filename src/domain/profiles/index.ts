import type { Profile } from '../profile';
import { eq } from './eq';
import { jairo } from './jairo';

/** Every profile, by id. */
export const profiles = { eq, jairo } as const satisfies Record<Exclude<Profile['id'], 'generic'>, Profile>;

export type ProfileId = keyof typeof profiles;

/** The profile with this id, or undefined for an unknown one. */
export function profileById(id: string): Profile | undefined {
  return Object.prototype.hasOwnProperty.call(profiles, id) ? profiles[id as ProfileId] : undefined;
}
