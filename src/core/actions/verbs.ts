import { abort } from './abort-verb.js';
import type { Verb } from './action.js';
import { OBSERVE_VERBS } from './observe-verbs.js';
import { RECOVERY_VERBS } from './recovery-verbs.js';
import { ROLLOUT_VERBS } from './rollout-verbs.js';
import { SETTING_VERBS } from './setting-verbs.js';

/** Every operator verb, shared by team commands and playbook steps, in the order help lists them. */
export const VERBS: ReadonlyMap<string, Verb> = new Map([...OBSERVE_VERBS, ...ROLLOUT_VERBS, abort, ...SETTING_VERBS, ...RECOVERY_VERBS].map((v) => [v.name, v]));
