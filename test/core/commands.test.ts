import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/core/actions/verbs.js';
import { formatCommand, parseCommand, type Command } from '../../src/core/commands.js';

function parsed(text: string): Command {
  const cmd = parseCommand(text);
  if ('error' in cmd) throw new Error(cmd.error);
  return cmd;
}

describe('parsing a command against its verb’s declaration', () => {
  it('reads restore’s --pitr as a flag, so the word after it is the database, not its value', () => {
    expect(VERBS.get('restore')!.options.find((o) => o.name === 'pitr')!.value).toBeUndefined();
    expect(parsed('restore --pitr crm-db')).toEqual({ verb: 'restore', args: ['crm-db'], options: { pitr: 'true' } });
    expect(parsed('restore crm-db --pitr')).toEqual(parsed('restore --pitr crm-db'));
  });

  it('gives a valued option the next word, wherever it stands', () => {
    expect(parsed('restore --from nightly crm-db')).toEqual({ verb: 'restore', args: ['crm-db'], options: { from: 'nightly' } });
    expect(parsed('rollback payment-api --max-unavailable=25% --strategy recreate')).toEqual({
      verb: 'rollback',
      args: ['payment-api'],
      options: { 'max-unavailable': '25%', strategy: 'recreate' },
    });
  });

  it('refuses a valued option with nothing after it, or followed by another option', () => {
    expect(parseCommand('restore crm-db --from')).toEqual({ error: 'restore: --from needs a value: BACKUP' });
    expect(parseCommand('rollback x --to --strategy recreate')).toEqual({ error: 'rollback: --to needs a value: VERSION' });
  });

  it('refuses a value given to a flag', () => {
    expect(parseCommand('restore crm-db --pitr=yes')).toEqual({ error: 'restore: --pitr is a flag and takes no value' });
  });

  it('takes every word of a text argument to the end of the line, dashes included', () => {
    expect(parsed('note rolled back --fast, then waited')).toEqual({ verb: 'note', args: ['rolled', 'back', '--fast,', 'then', 'waited'], options: {} });
    expect(parsed('declare "payments failing"')).toEqual({ verb: 'declare', args: ['payments failing'], options: {} });
  });

  it('still parses an unknown verb, so the caller can say which verb was meant', () => {
    expect(parsed('Rolback payment-api --to 2.14 --fast')).toEqual({ verb: 'rolback', args: ['payment-api'], options: { to: '2.14', fast: 'true' } });
  });

  it('reads an undeclared option as taking the next word, for the checks to name it', () => {
    expect(parsed('rollback payment-api --fats 2.14')).toEqual({ verb: 'rollback', args: ['payment-api'], options: { fats: '2.14' } });
  });

  it('takes a quoted word literally, even one that looks like an option', () => {
    expect(parsed('rollback "--odd"')).toEqual({ verb: 'rollback', args: ['--odd'], options: {} });
    expect(parseCommand('note "unclosed')).toEqual({ error: 'unclosed " in command' });
  });
});

/** Words that are names or values, never options or quotes. */
const plainWord = fc.stringMatching(/^[a-z0-9][a-z0-9.%=-]{0,8}$/);

/** A command as parsing any verb's words could give it. */
const command = fc.constantFrom(...VERBS.values()).chain((verb) =>
  fc.record({
    verb: fc.constant(verb.name),
    args: fc.array(fc.oneof(plainWord, fc.constantFrom('--x', 'two words', '')), { maxLength: 4 }),
    options: fc.dictionary(
      fc.constantFrom(...verb.options.map((o) => o.name), 'unknown'),
      plainWord,
      { maxKeys: 3 },
    ),
  }).map((c): Command => ({
    ...c,
    // A flag holds 'true'; an undeclared option with a value read as true is a flag too.
    options: Object.fromEntries(Object.entries(c.options).map(([k, v]) => [k, verb.options.find((o) => o.name === k)?.value ? v : 'true'])),
  })),
);

describe('formatting a command', () => {
  it('gives text that parses back to the same command (what journals rely on)', () => {
    fc.assert(
      fc.property(command, (cmd) => {
        const verb = VERBS.get(cmd.verb)!;
        // A text argument takes the rest of the line: options cannot follow it.
        fc.pre(!(verb.args.some((a) => a.kind === 'text') && Object.keys(cmd.options).length > 0));
        expect(parsed(formatCommand(cmd))).toEqual(cmd);
      }),
      { numRuns: 300 },
    );
  });

  it('writes flags bare and valued options with their value', () => {
    expect(formatCommand({ verb: 'restore', args: ['crm-db'], options: { pitr: 'true' } })).toBe('restore crm-db --pitr');
    expect(formatCommand({ verb: 'rollback', args: ['x'], options: { to: 'true' } })).toBe('rollback x --to true');
  });
});
