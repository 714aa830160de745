// "Show all records": one page of an incident's records as a card, with Previous / Next. The first
// page is posted in the thread; turning a page replaces that card (Universal Actions), so the thread
// does not fill up with pages.
import { formatCents } from '../../../src/domain/money';
import { recordsPage, type RecordsList } from '../../../src/notify/records-list';
import { executeAction, VERBS } from './card-actions';
import { card, para, type AdaptiveCard, type CardElement } from './elements';

/** Records per page: well inside the 28 KB a Teams card may carry, with long summaries. */
export const RECORDS_PER_PAGE = 25;

export function recordsPageCard(list: RecordsList, page: number): { card: AdaptiveCard; summary: string } {
  const p = recordsPage(list, page, RECORDS_PER_PAGE);
  const total = list.rows.length;
  const first = (p.page - 1) * RECORDS_PER_PAGE + 1;
  const heading =
    total === 0
      ? `#${list.number} ${list.title}: no open records`
      : `#${list.number} ${list.title}: records ${first}–${first + p.rows.length - 1} of ${total}`;
  const body: CardElement[] = [
    para([{ text: heading, weight: 'Bolder', max: 300 }]),
    ...p.rows.map((r, i) =>
      para(
        [
          `${first + i}. ${r.heldBack ? '(held back) ' : ''}`,
          { text: r.summary, max: 400 },
          { text: ` · ${r.source} ${r.entity} ${r.id} · ${formatCents(r.amountCents)}`, isSubtle: true, max: 200 },
        ],
        { spacing: i === 0 ? 'Medium' : 'None' },
      ),
    ),
    para([{ text: `Page ${p.page} of ${p.pages} · biggest amounts first`, isSubtle: true }], { spacing: 'Small' }),
  ];
  const turn = (title: string, to: number) =>
    executeAction(title, VERBS.showRecords, list.incidentId, undefined, { page: to, inPlace: true });
  const actions = [...(p.page > 1 ? [turn('Previous', p.page - 1)] : []), ...(p.page < p.pages ? [turn('Next', p.page + 1)] : [])];
  return { card: card(body, actions), summary: heading };
}
