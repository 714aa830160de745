// What people read: times in the company's zone in one readable form, counts with the right plural,
// and no notice numbered "#0".
import { describe, expect, it } from 'vitest';
import { renderParent, renderThread } from '../../../adapters/slack/render-alert';
import { buildView } from '../../../src/notify/build-view';
import { problemView, type ChannelProblem } from '../../../src/notify/channel-health';
import { planNotifications } from '../../../src/notify/plan';
import { renderParentText } from '../../../src/notify/render-text';
import { renderStatusText } from '../../../src/status/render-status';
import { buildStatusView } from '../../../src/status/status-view';
import { NOW } from '../../builders/clock';
import { someFindings } from '../../builders/findings';
import { aChange, anEvent, anIncident, ZONE } from '../../builders/incidents';
import { aNotifyState, aPlanInput } from '../../builders/notify';
import { shippedRule } from '../../builders/rules';

// 2026-03-18T07:23Z is 02:23 in Chicago (daylight time from 8 March).
const UNTIL = '2026-03-18T07:23:00.000Z';
const rules = new Map([['missing-invoice', shippedRule('missing-invoice')]]);

const problem: ChannelProblem = {
  companyId: 'acme-hvac',
  channel: 'ops',
  kind: 'not_in_channel',
  summary: 'the app is not a member of the channel',
  fix: 'invite the app',
  episode: 1,
  openedAt: NOW.toISOString(),
  lastSeenAt: NOW.toISOString(),
  resolvedAt: null,
};

describe('times a person reads', () => {
  it('writes a snooze in the thread in the company time zone, as the button answer does', () => {
    const incident = anIncident({ status: 'snoozed', snoozedUntil: UNTIL });
    const change = aChange(incident, { events: [anEvent(incident, 'snoozed', { actor: 'Ann', data: { until: UNTIL } })] });
    const { outbox } = planNotifications(
      aPlanInput({ rules, timeZone: ZONE, changes: [change], incidents: [incident], state: [aNotifyState(incident.id)] }),
    );

    const headlines = outbox.flatMap((d) => (d.body.kind === 'thread' ? [d.body.update.headline] : []));
    expect(headlines).toEqual(['Snoozed by Ann until Wed 18 Mar, 02:23']);
    expect(headlines.join()).not.toContain('2026-03-18T');
  });

  it('shows the snooze on the parent in the company time zone in every chat', () => {
    const view = buildView(anIncident({ status: 'snoozed', snoozedUntil: UNTIL }), undefined, ZONE, NOW);

    expect(renderParentText(view, NOW)).toContain('snoozed until Wed 18 Mar, 02:23');
    expect(JSON.stringify(renderParent(view, NOW).blocks)).toContain('Snoozed until Wed 18 Mar, 02:23');
  });
});

describe('counts and numbers', () => {
  it('says "1 open incident" and "1 record" for one of each', () => {
    const text = renderStatusText(buildStatusView([anIncident({ findings: someFindings(1) })], [], null), NOW);

    expect(text).toContain('1 open incident (');
    expect(text).toContain('— 1 record,');
    expect(text).not.toMatch(/\b1 (open incidents|records)\b/);
  });

  it('does not number a channel-problem notice "#0"', () => {
    const view = problemView(problem);

    expect(renderParentText(view, NOW)).not.toContain('#0');
    const slack = renderParent(view, NOW);
    expect(`${slack.text} ${JSON.stringify(slack.blocks)}`).not.toContain('#0');
    const fixed = renderThread({
      incidentId: view.incidentId,
      number: 0,
      purpose: 'operator',
      headline: 'Fixed: alerts to "ops" are flowing again',
      lines: [],
      moreCount: 0,
      severity: 'high',
    });
    expect(fixed.text).toBe('Fixed: alerts to "ops" are flowing again');
  });
});
