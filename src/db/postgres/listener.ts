// The change marker on PostgreSQL: one connection LISTENs on the channel every write
// notifies at commit (drizzle-pg/0001_change_notify.sql) and counts the notifications.
// Reading the marker costs no round trip. A lost connection is opened again on the next
// read, and counts as a change (notifications may have been missed meanwhile).
import type { Client } from 'pg';

export const CHANGES_CHANNEL = 'syncdeck_changes';

export class ChangeListener {
  private client: Client | null = null;
  private opening: Promise<void> | null = null;
  private count = 0;
  private closed = false;

  constructor(private readonly newClient: () => Client) {}

  async marker(): Promise<number> {
    if (this.closed) throw new Error('the store is closed');
    if (!this.client) await this.open();
    return this.count;
  }

  private open(): Promise<void> {
    this.opening ??= (async () => {
      const client = this.newClient();
      client.on('notification', () => this.count++);
      client.on('error', () => this.drop(client));
      client.on('end', () => this.drop(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      } catch (err) {
        this.drop(client);
        throw err;
      }
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.count++;
    })().finally(() => (this.opening = null));
    return this.opening;
  }

  private drop(client: Client): void {
    if (this.client === client) this.client = null;
    client.end().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
