import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeXml } from '../../src/report/xml.js';

describe('XML escaping', () => {
  it('escapes the special characters, shows control characters as escapes, drops what XML 1.0 cannot hold', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;');
    expect(escapeXml('bell\u0007 nul\u0000 esc\u001b csi\u009b rtl\u202e ok\u00e9 \ud83d\ude00')).toBe('bell\\x07 nul\\x00 esc\\x1b csi\\x9b rtl\\u202e ok\u00e9 \ud83d\ude00');
    expect(escapeXml('lone \ud800 surrogate')).toBe('lone  surrogate');
  });

  it('round-trips any text through a strict parser, line breaks in attributes included', () => {
    const nasty = `x\n\ty & <z> "q" ]]> \u0001\u0002 '`;
    const doc = `<r a="${escapeAttr(nasty)}">${escapeXml(nasty)}</r>`;
    const errors: string[] = [];
    const parsed = new DOMParser({ onError: (level, msg) => void errors.push(`${level}: ${msg}`) }).parseFromString(doc, 'text/xml');
    expect(errors).toEqual([]);
    const expected = nasty.replace('\u0001\u0002', '\\x01\\x02');
    expect(parsed.documentElement!.getAttribute('a')).toBe(expected);
    expect(parsed.documentElement!.textContent).toBe(expected);
  });
});
