/**
 * Notifications between every process that shares a store: a job's progress and segments, an article's changed
 * segments, a cancel, new work for the workers. With SQLite there is one process and delivery is a function call;
 * with PostgreSQL every process LISTENs on one channel and a publish is a NOTIFY, so a browser connected to any
 * server instance sees what a worker on any machine did. Payloads are small (ids), receivers read the rows.
 */
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { KeyedListeners } from './keyed-listeners.ts';

export type BusListener = (payload: Record<string, unknown>) => unknown;

export interface EventBus {
  /**
   * Deliver to every subscriber of `topic` in every process; resolves once sent (locally: once delivered). Given the
   * transaction that made the change (PostgreSQL), the notice goes out when it commits, in commit order, so notices
   * of one job from several workers are never seen before the changes they tell of, nor out of order.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  publish(topic: string, payload: Record<string, unknown>, tx?: Kysely<any>): Promise<void>;
  subscribe(topic: string, listener: BusListener): () => void;
  /** Resolves once this process receives what others publish (PostgreSQL: its LISTEN connection is up). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** One process: publish calls the subscribers and waits for them. */
export function localBus(): EventBus {
  const listeners = new KeyedListeners<Record<string, unknown>>();
  return {
    publish: (topic, payload) => listeners.emit(topic, payload),
    subscribe: (topic, listener) => listeners.add(topic, listener),
    ready: async () => {},
    close: async () => {},
  };
}

const CHANNEL = 'workbench_events';
/** PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more. */
const MAX_PAYLOAD = 7900;

/**
 * Every process on one PostgreSQL database. Publishing is a NOTIFY through the store's pool; the LISTEN connection is
 * opened on the first subscribe and reopened (with back-off) when the server drops it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function postgresBus(db: Kysely<any>, url: string): EventBus {
  const listeners = new KeyedListeners<Record<string, unknown>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let retryMs = 100;

  async function connect(): Promise<void> {
    // `pg` loads with the first LISTEN: a SQLite process never needs it
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      let parsed: { t?: string; p?: Record<string, unknown> };
      try {
        parsed = JSON.parse(msg.payload) as typeof parsed;
      } catch {
        return;
      }
      if (parsed.t && parsed.p) void listeners.emit(parsed.t, parsed.p);
    });
    const dropped = () => {
      if (client !== c) return;
      client = undefined;
      retryLater();
    };
    c.on('error', dropped);
    c.on('end', dropped);
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
    retryMs = 100;
  }

  const start = () => {
    if (closed) return;
    connecting = connect().catch(async (err) => {
      retryLater();
      throw err;
    });
    connecting.catch(() => {});
  };
  function retryLater() {
    if (closed) return;
    setTimeout(start, retryMs).unref();
    retryMs = Math.min(retryMs * 2, 5000);
  }
  const listen = () => {
    if (!connecting && !closed) start();
  };

  return {
    async publish(topic, payload, tx) {
      const text = JSON.stringify({ t: topic, p: payload });
      if (Buffer.byteLength(text) > MAX_PAYLOAD) throw new Error(`event ${topic} is too large to publish (${Buffer.byteLength(text)} bytes)`);
      await sql`SELECT pg_notify(${CHANNEL}, ${text})`.execute(tx ?? db);
    },
    subscribe(topic, listener) {
      listen();
      return listeners.add(topic, listener);
    },
    async ready() {
      listen();
      await connecting;
    },
    async close() {
      closed = true;
      await connecting?.catch(() => {});
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
