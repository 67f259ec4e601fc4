// Domain events: how modules learn of each other's changes without reaching into each other's tables.
// In-process and synchronous to emit; listeners run after the emitting transaction has committed, and a failing
// listener is logged, never propagated to the emitter.
import type { Logger } from './logger.js';

// Modules add their events to this map by declaration merging (see inventory/events.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StewardEvents {}

type Listener<T> = (payload: T) => void | Promise<void>;

export class EventBus {
  private readonly listeners = new Map<string, Listener<unknown>[]>();
  constructor(private readonly logger: Logger) {}

  on<K extends keyof StewardEvents & string>(name: K, listener: Listener<StewardEvents[K]>): () => void {
    const list = this.listeners.get(name) ?? [];
    list.push(listener as Listener<unknown>);
    this.listeners.set(name, list);
    return () => this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l !== listener));
  }

  emit<K extends keyof StewardEvents & string>(name: K, payload: StewardEvents[K]): void {
    for (const listener of this.listeners.get(name) ?? []) {
      Promise.resolve()
        .then(() => listener(payload))
        .catch((err: unknown) => this.logger.error({ err, event: name }, 'event listener failed'));
    }
  }
}
