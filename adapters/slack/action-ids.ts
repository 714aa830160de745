// Every interaction the app registers, in one place: the handlers, the renderers and the manifest
// test read these, so a button can never point at a handler that does not exist.

export const SLASH_COMMAND = '/sync-status';

export const ACTIONS = {
  acknowledge: 'sentinel_acknowledge',
  snoozeDay: 'sentinel_snooze_day',
  snoozeWeek: 'sentinel_snooze_week',
  rootCause: 'sentinel_root_cause',
  showTrace: 'sentinel_show_trace',
  homeRefresh: 'sentinel_home_refresh',
} as const;

export const VIEWS = {
  rootCauseModal: 'sentinel_root_cause_modal',
} as const;

/** The root-cause modal's input. */
export const ROOT_CAUSE_INPUT = { block: 'root_cause', action: 'root_cause_text' } as const;

/** Bot events the app listens to. */
export const BOT_EVENTS = ['app_home_opened', 'member_joined_channel'] as const;
