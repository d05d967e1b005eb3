import type { Element } from '@xmldom/xmldom';

/**
 * What Jenkins' junit-10.xsd (the xunit plugin's schema, which GitLab and most JUnit importers
 * follow) allows, written down from it: each element's attributes, which of them are required,
 * the elements it may hold, and whether it holds text. The XSD is the reference; this is the
 * part of it a checker needs.
 */
interface Rule {
  attributes: string[];
  required: string[];
  children: string[];
  text: boolean;
}

const result: Rule = { attributes: ['type', 'message'], required: [], children: [], text: true };

export const JUNIT_10: Record<string, Rule> = {
  testsuites: { attributes: ['name', 'time', 'tests', 'failures', 'errors'], required: [], children: ['testsuite'], text: false },
  testsuite: {
    attributes: ['name', 'tests', 'failures', 'errors', 'group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
    required: ['name', 'tests', 'failures', 'errors'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
    text: false,
  },
  properties: { attributes: [], required: [], children: ['property'], text: false },
  property: { attributes: ['name', 'value'], required: ['name', 'value'], children: [], text: false },
  testcase: {
    attributes: ['name', 'time', 'classname', 'group'],
    required: ['name'],
    children: ['skipped', 'error', 'failure', 'rerunFailure', 'rerunError', 'flakyFailure', 'flakyError', 'system-out', 'system-err'],
    text: false,
  },
  failure: result,
  error: result,
  skipped: result,
  'system-out': { attributes: [], required: [], children: [], text: true },
  'system-err': { attributes: [], required: [], children: [], text: true },
};

/** Every way the element and what it holds break junit-10.xsd, as "path: problem" lines. */
export function junit10Problems(el: Element, path = el.tagName): string[] {
  const rule = JUNIT_10[el.tagName];
  if (!rule) return [`${path}: element <${el.tagName}> is not in junit-10.xsd`];
  const out: string[] = [];
  for (const a of Array.from(el.attributes)) if (!rule.attributes.includes(a.name)) out.push(`${path}: attribute ${a.name} is not allowed`);
  for (const r of rule.required) if (!el.hasAttribute(r)) out.push(`${path}: required attribute ${r} is missing`);
  for (const n of Array.from(el.childNodes)) {
    if (n.nodeType === 1) {
      const child = n as Element;
      if (!rule.children.includes(child.tagName)) out.push(`${path}: <${child.tagName}> is not allowed inside <${el.tagName}>`);
      out.push(...junit10Problems(child, `${path}/${child.tagName}`));
    } else if (n.nodeType === 3 && !rule.text && (n.nodeValue ?? '').trim() !== '') {
      out.push(`${path}: <${el.tagName}> holds no text`);
    }
  }
  return out;
}
