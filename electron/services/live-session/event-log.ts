/**
 * The session's event list for the host: numbered events kept in a bounded buffer, and long-poll
 * waiters that resolve as soon as an event arrives. One reader (the host's renderer) is expected;
 * several work too (each keeps its own `after`).
 */
import type { LiveEvent, LiveEventBody } from '../../../shared/domain/session/live-protocol';

/** Events kept for late readers; pointer events are frequent, so the buffer is generous. */
const KEEP = 2000;

export class EventLog {
  private readonly events: LiveEvent[] = [];
  private seq = -1;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Numbers, dates and stores one event, then wakes every waiting poll. Returns the event. */
  push(body: LiveEventBody): LiveEvent {
    this.seq += 1;
    const event = { ...body, seq: this.seq, at: new Date(this.now()).toISOString() } as LiveEvent;
    this.events.push(event);
    if (this.events.length > KEEP) this.events.splice(0, this.events.length - KEEP);
    for (const wake of [...this.waiters]) wake();
    return event;
  }

  /** The last `seq` handed out (-1 before the first event). */
  last(): number {
    return this.seq;
  }

  /** Events with `seq > after` (those still in the buffer), oldest first. */
  since(after: number): LiveEvent[] {
    const first = this.events[0];
    if (!first || after >= this.seq) return [];
    return this.events.slice(Math.max(0, after + 1 - first.seq));
  }

  /**
   * Resolves with the events after `after` as soon as there is at least one, or with [] after
   * `waitMs`. `waitMs` 0 answers at once.
   */
  wait(after: number, waitMs: number): Promise<LiveEvent[]> {
    const ready = this.since(after);
    if (ready.length > 0 || waitMs <= 0) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(this.since(after));
      };
      const timer = setTimeout(done, waitMs);
      this.waiters.add(done);
    });
  }

  /** Wakes every waiting poll (used when the session ends). */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
