/**
 * The async events queue of the local Forge runtime: what `@forge/events` `Queue.push` sends
 * (`POST /webhook/queue/publish/…` as the app, through `__forge_fetch__`) is checked against the
 * platform's published limits and kept until the test or the demo delivers it to the queue's
 * consumer function (manifest.yml `consumer`). Limits (developer.atlassian.com/platform/forge/
 * limits-async-events, read December 2026): 50 events a request, 200 KB combined payload a
 * request, 500 events a minute an installation, delays of at most 900 s, 1000 push requests from
 * one initial invocation (its chain of consumers included). What the platform answers over each
 * limit is taken from `@forge/events` itself: 413 → PayloadTooBigError, 429 → RateLimitError,
 * 405 → InvocationLimitReachedError (node_modules/@forge/events/out/validators.js).
 */
import { randomUUID } from 'node:crypto';

export const PUSH_PATH = /^\/webhook\/queue\/publish\//;
export const MAX_EVENTS_PER_REQUEST = 50;
export const MAX_PAYLOAD_BYTES = 200 * 1024;
export const MAX_EVENTS_PER_MINUTE = 500;
export const MAX_DELAY_SECONDS = 900;
export const MAX_CHAINED_PUSHES = 1000;

export interface QueuedEvent {
  queueName: string;
  jobId: string;
  eventId: string;
  body: Record<string, unknown>;
  /** Epoch ms (the runtime's clock) from which the event may be delivered. */
  dueAt: number;
  /** The initial invocation this event descends from (for the chained-push limit). */
  origin: string;
  retryContext?: { retryCount: number; retryReason: string; retryData: unknown };
}

export interface PushRecord {
  queueName: string;
  events: number;
  bytes: number;
  /** HTTP status the runtime answered (201 accepted). */
  status: number;
}

export class LocalQueue {
  private readonly queued: QueuedEvent[] = [];
  private readonly pushes: PushRecord[] = [];
  private readonly chained = new Map<string, number>();
  private minuteStart = 0;
  private minuteEvents = 0;

  constructor(
    private readonly now: () => number,
    private readonly consumers: () => Record<string, string>,
  ) {}

  /** Handles one push request; `origin` is the initial invocation of the pushing invocation. */
  push(body: unknown, origin: string): Response {
    const request = parse(body);
    const queueName = typeof request?.queueName === 'string' ? request.queueName : '';
    const events = Array.isArray(request?.payload) ? request.payload : [];
    const bytes = Buffer.byteLength(JSON.stringify(events), 'utf8');
    const answer = (status: number, json: unknown): Response => {
      this.pushes.push({ queueName, events: events.length, bytes, status });
      return new Response(JSON.stringify(json), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    };
    if (!this.consumers()[queueName]) {
      // Stricter than documented (what the platform does with a queue nobody consumes is not
      // said): a push to a queue without a consumer in manifest.yml is a mistake in the app.
      throw new Error(`local-forge: no consumer in manifest.yml listens to queue ${queueName}`);
    }
    if (events.length === 0 || events.length > MAX_EVENTS_PER_REQUEST) {
      return answer(400, { message: `1 to ${MAX_EVENTS_PER_REQUEST} events a request.` });
    }
    if (bytes > MAX_PAYLOAD_BYTES) {
      return answer(413, { errorMessage: 'The combined payload exceeds 200 KB.' });
    }
    const chained = (this.chained.get(origin) ?? 0) + 1;
    if (chained > MAX_CHAINED_PUSHES) return answer(405, { message: 'Invocation limit reached.' });
    const now = this.now();
    if (now - this.minuteStart >= 60_000) {
      this.minuteStart = now;
      this.minuteEvents = 0;
    }
    if (this.minuteEvents + events.length > MAX_EVENTS_PER_MINUTE) {
      return answer(429, { message: 'Rate limit exceeded.' });
    }
    for (const event of events as Array<{ body?: unknown; delayInSeconds?: unknown }>) {
      const delay = typeof event.delayInSeconds === 'number' ? event.delayInSeconds : 0;
      if (delay < 0 || delay > MAX_DELAY_SECONDS) {
        return answer(400, { message: 'delayInSeconds must be between 0 and 900.' });
      }
    }
    this.chained.set(origin, chained);
    this.minuteEvents += events.length;
    const jobId = typeof request?.jobId === 'string' ? request.jobId : randomUUID();
    for (const event of events as Array<{
      body: Record<string, unknown>;
      delayInSeconds?: number;
    }>) {
      this.queued.push({
        queueName,
        jobId,
        eventId: randomUUID(),
        body: JSON.parse(JSON.stringify(event.body)) as Record<string, unknown>,
        dueAt: now + (event.delayInSeconds ?? 0) * 1000,
        origin,
      });
    }
    return answer(201, {});
  }

  /** Events waiting, in the order they will be delivered. */
  pending(): QueuedEvent[] {
    return [...this.queued].sort((a, b) => a.dueAt - b.dueAt);
  }

  /** Takes the next event due at `at` (or any, with `ignoreDelays`), oldest due first. */
  take(at: number, ignoreDelays: boolean): QueuedEvent | null {
    const next = this.pending().find((e) => ignoreDelays || e.dueAt <= at);
    if (!next) return null;
    this.queued.splice(this.queued.indexOf(next), 1);
    return next;
  }

  /** Puts an event back for a retry the consumer asked for. */
  requeue(event: QueuedEvent): void {
    this.queued.push(event);
  }

  pushRecords(): PushRecord[] {
    return this.pushes.map((p) => ({ ...p }));
  }
}

function parse(body: unknown): { queueName?: unknown; jobId?: unknown; payload?: unknown } | null {
  try {
    return JSON.parse(String(body ?? '')) as { queueName?: unknown; payload?: unknown };
  } catch {
    return null;
  }
}
