import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../demo/generate';

const NOW = new Date('2026-11-18T15:00:00Z');

describe('the bundled demo company', () => {
  it('is the same for the same anchor date and seed, and different for another seed', () => {
    expect(generateDemo({ now: NOW })).toEqual(generateDemo({ now: NOW }));
    expect(generateDemo({ now: NOW, seed: 2 }).upstream['fieldpro/invoices.csv']).not.toEqual(
      generateDemo({ now: NOW }).upstream['fieldpro/invoices.csv'],
    );
  });

  it('has a few hundred jobs, invoices, payments and customers', () => {
    const { counts } = generateDemo({ now: NOW });
    expect(counts.customers).toBeGreaterThanOrEqual(200);
    expect(counts.jobs).toBeGreaterThanOrEqual(300);
    expect(counts.invoices).toBeGreaterThanOrEqual(250);
    expect(counts.payments).toBeGreaterThanOrEqual(150);
  });

  it('names, for every expected finding, a record that exists on its side', () => {
    const demo = generateDemo({ now: NOW });
    const qb = JSON.stringify(demo.quickbooks);
    const up = Object.values(demo.upstream).join('\n');
    for (const e of demo.expected) {
      if (e.side === 'source') expect(Object.keys(demo.upstream).some((k) => k.startsWith(`${e.source}/`))).toBe(true);
      else if (e.side === 'quickbooks') expect(qb).toContain(`"Id":"${e.sourceId}"`);
      else expect(up).toMatch(new RegExp(`^${e.sourceId},`, 'm'));
    }
  });
});
