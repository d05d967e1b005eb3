/**
 * The version of the simulation's behaviour. Bump it in the same change as anything that can
 * make the same scenario, seed and inputs come to another drill (a rule, a draw, a duration, the
 * order of events), or to another result of it (a reason or a penalty in other words: a
 * journal's end line holds the digest of the whole result), so a journal recorded before is told
 * apart from a bug: `replay --verify` refuses it with a message instead of reporting a replay
 * that differs.
 */
export const WORLD_VERSION = 3;
