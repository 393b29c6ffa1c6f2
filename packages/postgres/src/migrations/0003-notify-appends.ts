import { type Kysely, type Migration, sql } from 'kysely';
import { appendChannel } from '../event-store/append-channel';

/**
 * Replaces `append_events` (same signature and body as 0001) with one that also sends a `NOTIFY` on the
 * schema's channel (see `appendChannel`) after its insert: delivered on commit, never on rollback, and
 * with an empty payload, since a notification only wakes readers that then read the feed.
 */
export function notifyAppends(schema: string): Migration {
  const quoted = `"${schema}"`;
  const channel = appendChannel(schema);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // The schema name and channel were validated as plain identifiers, so they can stand in the body.
      await sql
        .raw(`
        create or replace function ${quoted}.append_events(p_stream_id text, p_expected bigint, p_events jsonb)
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
          -- Only a hint: listeners read the feed themselves, so the payload stays empty.
          perform pg_notify('${channel}', '');
          return query select 0, v_current + v_count, v_xid::text;
        end
        $append$`)
        .execute(db);
    },
  };
}
