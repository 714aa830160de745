// Gathers every company's StatusView from the store for the at-a-glance view (src/portfolio/glance.ts),
// which ranks them worst first and is rendered by each surface: `status` without --company, `/sync-status`
// in a channel no single company owns, and App Home.
import type { Config } from '../config/schema';
import type { StorePort } from '../ports/store';
import { buildGlance, type GlanceView } from '../portfolio/glance';
import { answerStatusQuery } from './status-answer';

export async function glanceAt(companies: ReadonlyArray<{ config: Config; store: StorePort }>, now: () => Date): Promise<GlanceView> {
  const inputs = await Promise.all(
    companies.map(async ({ config, store }) => {
      const answer = await answerStatusQuery({ config, store, now }, { kind: 'status', filters: {}, public: false });
      if (answer.kind !== 'status') throw new Error('a status query answered something else');
      return { id: config.company.id, name: config.company.name, view: answer.view };
    }),
  );
  return buildGlance(inputs, now());
}
