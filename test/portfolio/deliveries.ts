// The portfolio digest's delivery records, kept in memory.
import type { DigestSteps } from '../../src/ports/digest-sender';
import type { PortfolioDeliveries } from '../../src/portfolio/run-portfolio';

/** The digest store's delivery records, kept in memory: what the SQLite and Postgres stores keep in tables. */
export class Deliveries implements PortfolioDeliveries {
  readonly sent = new Map<string, string[]>();
  readonly progress = new Map<string, DigestSteps>();
  async sentChannels(key: string, week: string) {
    return this.sent.get(`${key}/${week}`) ?? [];
  }
  async markSent(key: string, week: string, channel: string) {
    this.sent.set(`${key}/${week}`, [...(await this.sentChannels(key, week)), channel]);
  }
  async loadProgress(key: string, week: string, channel: string) {
    return this.progress.get(`${key}/${week}/${channel}`) ?? null;
  }
  async saveProgress(key: string, week: string, channel: string, steps: DigestSteps) {
    this.progress.set(`${key}/${week}/${channel}`, steps);
  }
}
