// The one sanitiser for record text in Slack. Record text (customer names, memos, item names,
// locations) is written by people outside our control. In Slack mrkdwn, `<!channel>` pings a whole
// channel, `<@U123>` pings a person and `<https://x|y>` hides a link behind any words; Slack also
// turns bare URLs and domains into links. Alerts, /sync-status answers, App Home and the digest pass
// every piece of record text through `mrkdwn()` (or `plain()` for plain_text fields) before it
// reaches a message; both first drop what hides or reorders text (src/domain/visible-text.ts).
import { visibleText } from '../../src/domain/visible-text';

const ZWSP = '\u200b';

/** The three characters Slack asks to be escaped, per its formatting docs, after hidden characters are dropped. */
export function escapeControl(text: string): string {
  return visibleText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escaped and defused: a zero-width space after `:` in `scheme://` and after the dot of
 * `name.tld`, so nothing reads as a link or an e-mail address to Slack's auto-linker, and after `@`,
 * so `@here` and `@channel` ping nobody, while a person still reads the same words.
 */
export function mrkdwn(text: string): string {
  return escapeControl(text)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/([\p{L}\p{N}_-])\.(?=[\p{L}]{2,})/gu, `$1.${ZWSP}`)
    .replace(/@(?=[\p{L}\p{N}_])/gu, `@${ZWSP}`);
}

/** Plain text fields (header, button labels) are never parsed for mentions or links; hidden characters still go. */
export function plain(text: string): string {
  return visibleText(text);
}
