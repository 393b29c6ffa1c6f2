import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Events, streams and snapshots, and `append_events`, the function that appends in one round trip: it
 * takes the stream's lock before anything is written (so the transaction id, and with it the global
 * position, is assigned after the lock: positions keep per-stream order), checks the expected version
 * under that lock, and inserts the whole batch with one statement.
 */
export function createEventStore(schema: string): Migration {
  const quoted = `"${schema}"`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table ${sql.id(schema, 'streams')} (
          stream_id text primary key,
          version integer not null
        )`.execute(db);
      await sql`
        create table ${sql.id(schema, 'events')} (
          position bigint primary key,
          transaction_id xid8 not null,
          stream_id text not null,
          version integer not null,
          event_id text not null,
          type text not null,
          data jsonb not null,
          source text not null,
          timestamp timestamptz not null,
          schema_version integer not null,
          subject text,
          datacontenttype text,
          dataschema text,
          correlation_id text,
          causation_id text,
          trace_id text,
          traceparent text,
          constraint events_stream_version_key unique (stream_id, version),
          constraint events_event_id_key unique (event_id)
        )`.execute(db);
      await sql`create index events_trace_id_idx on ${sql.id(schema, 'events')} (trace_id, position) where trace_id is not null`.execute(
        db,
      );
      await sql`create index events_transaction_id_idx on ${sql.id(schema, 'events')} (transaction_id)`.execute(db);
      await sql`
        create table ${sql.id(schema, 'snapshots')} (
          aggregate_id text primary key,
          aggregate_type text not null,
          version integer not null,
          state jsonb not null,
          timestamp timestamptz not null,
          schema_version integer not null
        )`.execute(db);
      // The schema name was validated as a plain identifier, so it can stand quoted in the function body.
      await sql
        .raw(`
        create function ${quoted}.append_events(p_stream_id text, p_expected bigint, p_events jsonb)
        returns table (outcome integer, stream_version integer, transaction_id text)
        language plpgsql
        as $append$
        declare
          v_current integer;
          v_count integer := jsonb_array_length(p_events);
          v_xid xid8;
        begin
          -- Lock the stream before any write: the transaction id is assigned after the lock.
          perform pg_advisory_xact_lock(hashtextextended('orchestrix.stream:' || p_stream_id, 0));
          select s.version into v_current from ${quoted}.streams s where s.stream_id = p_stream_id;
          v_current := coalesce(v_current, 0);
          -- p_expected: -1 any, -2 no_stream, -3 stream_exists, otherwise the exact version.
          if (p_expected = -2 and v_current <> 0)
            or (p_expected = -3 and v_current = 0)
            or (p_expected >= 0 and v_current <> p_expected) then
            return query select 1, v_current, null::text;
            return;
          end if;
          if v_count = 0 then
            return query select 0, v_current, null::text;
            return;
          end if;
          insert into ${quoted}.streams as s (stream_id, version) values (p_stream_id, v_current + v_count)
            on conflict (stream_id) do update set version = excluded.version;
          v_xid := pg_current_xact_id();
          insert into ${quoted}.events (
            position, transaction_id, stream_id, version, event_id, type, data, source, timestamp,
            schema_version, subject, datacontenttype, dataschema, correlation_id, causation_id, trace_id, traceparent
          )
          select
            (v_xid::text::bigint << 14) + (e.ordinal - 1),
            v_xid,
            p_stream_id,
            v_current + e.ordinal::integer,
            e.value->>'id',
            e.value->>'type',
            e.value->'data',
            e.value->>'source',
            (e.value->>'timestamp')::timestamptz,
            (e.value->>'schemaVersion')::integer,
            e.value->>'subject',
            e.value->>'datacontenttype',
            e.value->>'dataschema',
            e.value->>'correlationId',
            e.value->>'causationId',
            e.value->>'traceId',
            e.value->>'traceparent'
          from jsonb_array_elements(p_events) with ordinality as e(value, ordinal);
          return query select 0, v_current + v_count, v_xid::text;
        end
        $append$`)
        .execute(db);
    },
  };
}
