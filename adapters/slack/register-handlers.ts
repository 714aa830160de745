// The app's listeners: thin. Each acks at once, turns the Slack payload into an actor and a request
// for the command layer, and renders the answer. Business logic lives behind SlackInteractions.
import type { App, BlockAction, ButtonAction, RespondFn } from '@slack/bolt';
import type { Logger } from '../../src/ports/logger';
import { ACTIONS, ROOT_CAUSE_INPUT, SLASH_COMMAND, VIEWS } from './action-ids';
import { fitBlocks, LIMITS } from './block-limits';
import type { Actor, IncidentAction, SlackInteractions } from './commands-api';
import { md } from './render-alert';
import { traceBlocks } from './render-status';
import type { UserGroups } from './user-groups';
import { mrkdwn } from './escape';

const DAY_MS = 86_400_000;

export interface HandlerDeps {
  interactions: SlackInteractions;
  groups: UserGroups;
  log: Logger;
  /** Users who opened App Home: their tab is refreshed after each poll. */
  homeUsers: Set<string>;
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
  const { interactions, log } = deps;
  const actor = async (user: { id: string; name?: string; username?: string }, channelId?: string): Promise<Actor> => ({
    platform: 'slack',
    id: user.id,
    name: user.username ?? user.name ?? user.id,
    ...(channelId ? { channelId } : {}),
    groupIds: await deps.groups.groupsOf(user.id),
  });
  const tell = (respond: RespondFn, text: string) =>
    respond({ response_type: 'ephemeral', replace_original: false, text: mrkdwn(text) }).then(
      () => undefined,
      () => undefined,
    );

  app.command(SLASH_COMMAND, async ({ ack, command, respond }) => {
    await ack();
    try {
      const answer = await interactions.status(command.text ?? '', command.channel_id);
      await respond({
        response_type: answer.public ? 'in_channel' : 'ephemeral',
        text: answer.text,
        blocks: fitBlocks(answer.blocks) as never,
      });
    } catch (err) {
      log.error({ err: (err as Error).message }, '/sync-status failed');
      await tell(respond, 'Sorry, the status could not be read just now. Try again in a minute.');
    }
  });

  const act =
    (action: (a: ButtonAction) => IncidentAction) =>
    async ({
      ack,
      body,
      action: a,
      respond,
    }: {
      ack: () => Promise<void>;
      body: BlockAction;
      action: ButtonAction;
      respond: RespondFn;
    }) => {
      await ack();
      const who = await actor(body.user, body.channel?.id);
      // The thread hears about it through the outbox ("Acknowledged by …"); only a refusal is said here.
      const result = await interactions.act(a.value ?? '', action(a), who);
      if (!result.ok) return tell(respond, result.message);
    };

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.acknowledge,
    act(() => ({ type: 'acknowledge' })),
  );
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.snoozeDay,
    act(() => ({ type: 'snooze', forMs: DAY_MS })),
  );
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.snoozeWeek,
    act(() => ({ type: 'snooze', forMs: 7 * DAY_MS })),
  );

  app.action<BlockAction<ButtonAction>>(ACTIONS.rootCause, async ({ ack, body, action, client, respond }) => {
    await ack();
    const who = await actor(body.user, body.channel?.id);
    if (!interactions.mayAct(who))
      return tell(
        respond,
        'You are not on the list of people who may change alerts here. Ask whoever runs sync-sentinel to add you (or your group or channel) to actions.allow.',
      );
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: 'modal',
        callback_id: VIEWS.rootCauseModal,
        private_metadata: JSON.stringify({ ref: action.value, channel: body.channel?.id }),
        title: { type: 'plain_text', text: 'Root cause known' },
        submit: { type: 'plain_text', text: 'Save' },
        close: { type: 'plain_text', text: 'Cancel' },
        blocks: [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: `Incident #${mrkdwn(action.value ?? '')}: what causes it? With a clear cause an urgent incident becomes a Stabilization Sprint.`,
            },
          },
          {
            type: 'input',
            block_id: ROOT_CAUSE_INPUT.block,
            label: { type: 'plain_text', text: 'Cause' },
            element: { type: 'plain_text_input', action_id: ROOT_CAUSE_INPUT.action, multiline: true, max_length: 500 },
          },
        ],
      },
    });
  });

  app.view(VIEWS.rootCauseModal, async ({ ack, body, view }) => {
    const text = view.state.values[ROOT_CAUSE_INPUT.block]?.[ROOT_CAUSE_INPUT.action]?.value?.trim() ?? '';
    if (!text) return ack({ response_action: 'errors', errors: { [ROOT_CAUSE_INPUT.block]: 'Say in a few words what causes it.' } });
    await ack();
    const meta = JSON.parse(view.private_metadata || '{}') as { ref?: string; channel?: string };
    const result = await interactions.act(meta.ref ?? '', { type: 'root_cause', text }, await actor(body.user, meta.channel));
    if (!result.ok) log.warn({ user: body.user.id }, `root cause not saved: ${result.message}`);
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.showTrace, async ({ ack, action, respond }) => {
    await ack();
    const trace = await interactions.incidentTrace(action.value ?? '');
    if (!trace) return tell(respond, `Incident ${action.value ?? '?'} is not known any more.`);
    const blocks = trace.chains.length
      ? traceBlocks(`#${trace.number} ${trace.title}`, trace.chains)
      : [md(`#${trace.number}: no trace to show.`)];
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `Trace of #${trace.number}`,
      blocks: fitBlocks(blocks) as never,
    });
  });

  const publishHome = async (client: App['client'], userId: string) => {
    const home = await interactions.home();
    await client.views.publish({ user_id: userId, view: { type: 'home', blocks: fitBlocks(home.blocks, LIMITS.blocksPerView) as never } });
  };

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    if (deps.homeUsers.size < 500) deps.homeUsers.add(event.user);
    await publishHome(client, event.user);
  });

  // Invited back into a channel that refused alerts: send what was held at once, not after backoff.
  app.event('member_joined_channel', async ({ event, context }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    await interactions.botJoined(event.channel);
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.homeRefresh, async ({ ack, body, client }) => {
    await ack();
    await publishHome(client, body.user.id);
  });
}
