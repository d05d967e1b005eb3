import { inertText } from '../core/inert.js';

/**
 * Text from scenario and playbook files ends up in XML and HTML: names, reasons, timeline lines.
 * Control characters show as their escapes (they would act in a terminal or reorder a line);
 * what XML 1.0 cannot hold at all (lone surrogates) is dropped; the five special characters are
 * escaped, so any input gives a well-formed document.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string | number): string {
  return inertText(String(text)).replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Attributes normalise line breaks to spaces when parsed; keep them as character references. */
export function escapeAttr(text: string | number): string {
  return escapeXml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
