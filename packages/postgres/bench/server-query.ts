import pg from 'pg';
import { DATABASE_URL } from './bench-side';

/** Runs one statement on a connection of its own, outside every side's pool. */
export async function serverQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** The server's version and durability settings, and Node's version, for the report's header. */
export async function describeServer(): Promise<string> {
  const result = await serverQuery(`select current_setting('server_version') as version,
    current_setting('synchronous_commit') as synchronous_commit, current_setting('fsync') as fsync`);
  const { version, synchronous_commit, fsync } = result.rows[0];
  return `PostgreSQL ${version} (synchronous_commit=${synchronous_commit}, fsync=${fsync}), Node ${process.version}`;
}
