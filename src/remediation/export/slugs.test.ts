import { describe, expect, it } from 'vitest';
import { assignSlugs, slugify } from './slugs.js';

describe('slugs of customer and tag names', () => {
  it('keeps lower-case ASCII letters and digits, joined by single dashes', () => {
    expect(slugify('Acme AG')).toBe('acme-ag');
    expect(slugify('  Zürich Stadtwerke / IT ')).toBe('zurich-stadtwerke-it');
    expect(slugify('prod/eu-west_1')).toBe('prod-eu-west-1');
    expect(slugify('Ærø')).toBe('r'); // Æ and ø are letters of their own, not accented ones
    expect(slugify('日本')).toBe('');
    expect(slugify('x'.repeat(70))).toHaveLength(63);
    expect(slugify(`${'a'.repeat(62)} b`)).toBe('a'.repeat(62));
  });

  it('gives names with the same slug distinct ones: the oldest keeps it, the others get their id', () => {
    const slugs = assignSlugs(
      [
        { id: 9, name: 'acme-ag' },
        { id: 3, name: 'Acme AG' },
        { id: 12, name: '日本' },
        { id: 20, name: 'acme-ag-9' },
        { id: 4, name: 'Beta' },
      ],
      'customer',
    );
    expect(Object.fromEntries(slugs)).toEqual({ 3: 'acme-ag', 4: 'beta', 9: 'acme-ag-9-9', 12: 'customer-12', 20: 'acme-ag-9' });
    expect(new Set(slugs.values()).size).toBe(5);
  });

  it('does not depend on the order of the items', () => {
    const items = [
      { id: 1, name: 'Web' },
      { id: 2, name: 'web' },
      { id: 3, name: 'WEB' },
      { id: 4, name: '!!' },
    ];
    const forward = Object.fromEntries(assignSlugs(items, 'tag'));
    expect(Object.fromEntries(assignSlugs([...items].reverse(), 'tag'))).toEqual(forward);
    expect(forward).toEqual({ 1: 'web', 2: 'web-2', 3: 'web-3', 4: 'tag-4' });
  });
});
