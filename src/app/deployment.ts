// A booted deployment: every company of the config file on one store, each with its own config,
// channels, chats and rules. Commands that act on one company pick it with `--company`; a deployment
// of one needs no choice, so a single-company user never types it.
import type { CompanyConfig, DeploymentConfig } from '../config/deployment';
import type { InstanceConfig, PortfolioConfig } from '../config/deployment-schema';
import type { Config } from '../config/schema';
import { SentinelError } from '../domain/errors';
import type { Logger } from '../ports/logger';
import type { StorePort } from '../ports/store';
import type { Storage } from '../ports/storage';
import type { Booted } from './boot';

/** One company of a deployment: everything `boot` gave one company, sharing the deployment's store. */
export interface CompanyRuntime extends Booted {
  id: string;
}

export interface Deployment {
  companies: CompanyRuntime[];
  /** The owner's view over every company (null when the file has none or lists no companies). */
  portfolio: PortfolioConfig | null;
  instance: InstanceConfig;
  /** Whether the config lists companies (false: a single-company file or the demo). */
  many: boolean;
  demo: Booted['demo'];
  storage: Storage;
  store: StorePort;
  log: Logger;
  /** The company `id` names; with none, the only company (refused naming the ids when there are several). */
  company(id?: string): CompanyRuntime;
  close(): Promise<void>;
}

/** A company id that is not in the deployment, or none given where several could be meant. */
export class UnknownCompanyError extends SentinelError {
  constructor(asked: string | undefined, known: readonly string[]) {
    super(
      'cli.company',
      'client',
      asked === undefined
        ? `This deployment watches ${known.length} companies (${known.join(', ')}): name one with --company, e.g. --company ${known[0]}.`
        : `There is no company "${asked}" in this deployment: it watches ${known.join(', ')}.`,
      { retryable: false },
    );
  }
}

export function deploymentOfOne(config: Config, baseDir: string): DeploymentConfig {
  const company: CompanyConfig = { config, baseDir };
  return {
    file: '',
    baseDir,
    storage: config.storage,
    companies: [company],
    portfolio: null,
    instance: { max_concurrent_polls: 2 },
    many: false,
  };
}

export function deploymentOf(
  config: DeploymentConfig,
  companies: CompanyRuntime[],
  shared: Pick<Deployment, 'demo' | 'storage' | 'store' | 'log'>,
): Deployment {
  const ids = companies.map((c) => c.id);
  return {
    ...shared,
    companies,
    portfolio: config.portfolio,
    instance: config.instance,
    many: config.many,
    company(id) {
      const found = id === undefined ? (companies.length === 1 ? companies[0] : undefined) : companies.find((c) => c.id === id);
      if (!found) throw new UnknownCompanyError(id, ids);
      return found;
    },
    async close() {
      for (const c of companies) await c.close().catch(() => undefined);
      await shared.storage.close();
    },
  };
}
