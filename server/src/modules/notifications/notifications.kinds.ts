// The kinds of event a user can be told about, and on which channels by default. A user's own
// choice (notification_preferences) overrides a default; a channel a kind does not offer is
// neither shown nor stored: invoices always go out by e-mail (they are the invoice's delivery),
// badge changes are told in the portal only (a badge request's decision has its own e-mail), and
// text messages, which cost money, exist for alarms (the alarm rule names the channel; see
// modules/alarms) and, when the user switches them on, for tickets.
export const NOTIFICATION_KINDS = ['ticket', 'alarm', 'session_receipt', 'invoice', 'badge'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['portal', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
export type ChannelChoice = Record<Channel, boolean>;

interface KindRules {
  /** Channels the user may switch on or off for this kind. */
  configurable: readonly Channel[];
  defaults: ChannelChoice;
}

export const KIND_RULES: Record<NotificationKind, KindRules> = {
  ticket: { configurable: ['portal', 'email', 'sms'], defaults: { portal: true, email: true, sms: false } },
  alarm: { configurable: ['portal', 'email', 'sms'], defaults: { portal: true, email: true, sms: true } },
  session_receipt: { configurable: ['portal', 'email'], defaults: { portal: true, email: false, sms: false } },
  invoice: { configurable: ['portal'], defaults: { portal: true, email: true, sms: false } },
  badge: { configurable: ['portal'], defaults: { portal: true, email: false, sms: false } },
};

/** What a user gets for a kind: their stored choice on configurable channels, the default elsewhere. */
export function effectiveChoice(kind: NotificationKind, stored: ChannelChoice | undefined): ChannelChoice {
  const rules = KIND_RULES[kind];
  const pick = (channel: Channel) => (stored && rules.configurable.includes(channel) ? stored[channel] : rules.defaults[channel]);
  return { portal: pick('portal'), email: pick('email'), sms: pick('sms') };
}
