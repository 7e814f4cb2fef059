// Text messages go out through an SMS gateway's HTTP API: one POST per message with the number and
// the text as JSON, authorised by a bearer token (SMS_URL, SMS_TOKEN). Most gateways take that
// shape or sit behind a small adapter that does. Without SMS_URL there is no SMS channel.
export interface SmsSender {
  send(to: string, text: string): Promise<void>;
}

export class SmsError extends Error {}

/** At most one SMS part for an alarm: longer texts are cut with an ellipsis. */
export const SMS_MAX_LENGTH = 160;

export function createHttpSms(options: { url: string; token?: string; timeoutMs?: number }): SmsSender {
  return {
    async send(to, text) {
      const body = JSON.stringify({ to, text: text.length > SMS_MAX_LENGTH ? `${text.slice(0, SMS_MAX_LENGTH - 1)}…` : text });
      const response = await fetch(options.url, {
        method: 'POST', body, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        headers: { 'content-type': 'application/json', ...(options.token && { authorization: `Bearer ${options.token}` }) },
      });
      if (!response.ok) throw new SmsError(`SMS gateway answered ${response.status}`);
    },
  };
}
