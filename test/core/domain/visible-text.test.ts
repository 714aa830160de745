import { describe, expect, it } from 'vitest';
import { clipVisible, visibleText } from '../../../src/domain/visible-text';
import { EMOJI } from '../../proof/support/hostile-text';

describe('visible text', () => {
  it('drops terminal escape sequences whole, not just their escape character', () => {
    expect(visibleText('\u001b[2J\u001b[31mFAKE ALERT\u001b[0m')).toBe('FAKE ALERT');
    expect(visibleText('\u001b]8;;https://evil.example\u0007Open\u001b]8;;\u0007')).toBe('Open');
  });

  it('drops bidi overrides, embeddings and isolates, so a name reads in the order it was typed', () => {
    expect(visibleText('\u202egnp.exe')).toBe('gnp.exe');
    expect(visibleText('\u2066a\u2069 \u202ab\u202c \u2067c\u2069 \u2068d\u2069 \u200ee\u200f')).toBe('a b c d e');
  });

  it('drops C0 and C1 control characters but keeps line breaks, with tabs as spaces', () => {
    expect(visibleText('one\r\ntwo\rthree\u0000\u0007\u0085\u009f\tfour')).toBe('one\ntwo\nthree four');
  });

  it.each(EMOJI)('keeps the emoji sequence %s exactly as typed', (emoji) => {
    expect(visibleText(`Café ${emoji} Plumbing`)).toBe(`Café ${emoji} Plumbing`);
  });

  it('cuts long text between emoji, never inside one', () => {
    const family = EMOJI[0]!;
    const cut = clipVisible(family.repeat(10), 30);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.slice(0, -1)).toBe(family.repeat(cut.slice(0, -1).length / family.length));
    expect(clipVisible('😀'.repeat(3_000), 300)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
