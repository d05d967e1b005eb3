import { describe, expect, it } from 'vitest';
import { Drill } from '../../src/core/drill.js';
import { backspace, complete, emptyLine, historyDown, historyUp, submitLine, typeText, type LineState } from '../../src/tui/command-line.js';
import { completeLine } from '../../src/tui/complete.js';
import { scenario } from '../helpers.js';

const world = new Drill(scenario('payment-schema-rollback').spec, 1).world;
const completer = (line: string) => completeLine(world, line);
const typed = (text: string): LineState => typeText(emptyLine, text);

describe('the command line', () => {
  it('completes a verb in full when one matches, and lists them when several do', () => {
    expect(complete(typed('rollback-rel'), completer).text).toBe('rollback-release ');
    const several = complete(typed('roll'), completer);
    expect(several.text).toBe('rollback');
    expect(several.candidates).toEqual(['rollback', 'rollback-release']);
  });

  it('completes the names the world knows after the verb', () => {
    expect(complete(typed('inspect pay'), completer).candidates).toEqual(['payment-api', 'payments-db']);
    expect(complete(typed('inspect payment-a'), completer).text).toBe('inspect payment-api ');
  });

  it('completes the verb after @name', () => {
    expect(complete(typed('@alice decl'), completer).text).toBe('@alice declare ');
  });

  it('completes what the verb expects there: the versions of the component named, the releases', () => {
    expect(complete(typed('@alice rollback payment-api '), completer).candidates).toEqual(['2.14', '2.15']);
    expect(complete(typed('rollback-release r4'), completer).candidates).toEqual(['r41', 'r42']);
    expect(complete(typed('rollback-release --max-u'), completer).text).toBe('rollback-release --max-unavailable ');
    expect(complete(typed('@ali'), completer).candidates).toEqual([]);
  });

  it('walks the history with Up and Down, keeping the line being typed', () => {
    let s = submitLine(typed('inspect')).state;
    s = submitLine(typeText(s, 'declare')).state;
    s = typeText(s, 'fre');
    s = historyUp(s);
    expect(s.text).toBe('declare');
    s = historyUp(historyUp(s));
    expect(s.text).toBe('inspect');
    s = historyDown(historyDown(s));
    expect(s.text).toBe('fre');
    expect(backspace(s).text).toBe('fr');
  });

  it('keeps blank lines and repeats out of the history', () => {
    let s = submitLine(typed('inspect')).state;
    s = submitLine(typeText(s, 'inspect')).state;
    s = submitLine(typeText(s, '   ')).state;
    expect(s.history).toEqual(['inspect']);
  });
});
