-- Version checks: a stream named with no events and an expected version (StreamAppend.Check) is a
-- check, not a write. A decision that read another stream (a contact's customer) names it so: the
-- append is refused (ES409, as any conflict) unless that stream is still at the version read, and the
-- check holds a share lock on its row until the commit, so an append to the checked stream waits for
-- this one, then fails its own compare-and-set only if this one moved it (it does not: a check never
-- bumps a version). The lock is taken in phase 2 with the compare-and-sets, in the same stream-id order
-- (two appends that check each other's streams queue rather than deadlock), and after every read: a
-- row lock assigns the transaction id, which must come after the versions read (the ordering rule).
-- A check on a stream that does not exist (expected "no stream") has no row to lock: it sees streams
-- committed before it, and does not wait for one being created. Only appends with a check come here
-- for it; the fast paths refuse zero-event appends (EventStore.Prepare) and never pay for it.
create or replace function es.append_events(
    p_stream_ids       uuid[],
    p_stream_types     text[],
    p_expected         bigint[],   -- -1 any, 0 no stream yet, n exactly n
    p_event_counts     int[],
    p_event_ids        uuid[],
    p_event_types      text[],
    p_schema_versions  int[],
    p_data             jsonb[],
    p_metadata         jsonb[],
    p_idempotency_key  text,
    p_request_hash     text,
    p_result           jsonb,
    p_created_at       timestamptz
) returns table (replayed boolean, versions bigint[], seq_ids bigint[], result jsonb, request_hash text, created_at timestamptz)
language plpgsql as $$
declare
    n           int := coalesce(array_length(p_stream_ids, 1), 0);
    cur         bigint[];
    archived    boolean[];
    new_vers    bigint[] := '{}';
    ev_streams  uuid[] := '{}';
    ev_versions bigint[] := '{}';
    out_seq     bigint[];
    ts          timestamptz := coalesce(p_created_at, now());
    i           int;
    j           int;
    rows_hit    int;
begin
    if p_idempotency_key is not null then
        perform pg_advisory_xact_lock(1229276493, hashtext(p_idempotency_key)); -- 1229276493: 'IDEM'
        return query select true, c.versions, c.seq_ids, c.result, c.request_hash, c.created_at
                     from es.command_log c where c.idempotency_key = p_idempotency_key;
        if found then return; end if;
    end if;

    -- Phase 1: reads only.
    select array_agg(s.version order by u.ord), array_agg(coalesce(s.is_archived, false) order by u.ord)
      into cur, archived
      from unnest(p_stream_ids) with ordinality as u(id, ord)
      left join es.streams s on s.stream_id = u.id;

    for i in 1 .. n loop
        -- A check appends nothing, so an archived stream still answers its version.
        if archived[i] and p_event_counts[i] > 0 then
            raise exception 'stream % is archived', p_stream_ids[i]
                using errcode = 'ES410', hint = p_stream_ids[i]::text;
        end if;
        if (p_expected[i] = 0 and cur[i] is not null)
           or (p_expected[i] > 0 and cur[i] is distinct from p_expected[i]) then
            raise exception 'stream % expected version % but is at %', p_stream_ids[i], p_expected[i], coalesce(cur[i], 0)
                using errcode = 'ES409', hint = p_stream_ids[i]::text || ' ' || p_expected[i] || ' ' || coalesce(cur[i], 0);
        end if;
        new_vers := new_vers || (coalesce(cur[i], 0) + p_event_counts[i]);
        for j in 1 .. p_event_counts[i] loop
            ev_streams := ev_streams || p_stream_ids[i];
            ev_versions := ev_versions || (coalesce(cur[i], 0) + j);
        end loop;
    end loop;

    -- Phase 2: compare-and-set each stream, in id order so two multi-stream appends cannot deadlock.
    for i in select u.ord from unnest(p_stream_ids) with ordinality as u(id, ord) order by u.id loop
        if p_event_counts[i] = 0 then
            -- A check: lock the row at the version read, or find that it moved since.
            if cur[i] is not null then
                perform 1 from es.streams where stream_id = p_stream_ids[i] and version = cur[i] for share;
                if not found then
                    raise exception 'stream % was changed concurrently (checked at version %)', p_stream_ids[i], cur[i]
                        using errcode = 'ES409', hint = p_stream_ids[i]::text || ' ' || p_expected[i] || ' '
                              || coalesce((select s.version from es.streams s where s.stream_id = p_stream_ids[i]), 0);
                end if;
            end if;
            continue;
        end if;
        if cur[i] is null then
            insert into es.streams (stream_id, stream_type, version, created_at, updated_at)
            values (p_stream_ids[i], p_stream_types[i], new_vers[i], ts, ts)
            on conflict do nothing;
        else
            update es.streams set version = new_vers[i], updated_at = ts
             where stream_id = p_stream_ids[i] and version = cur[i] and not is_archived;
        end if;
        get diagnostics rows_hit = row_count;
        if rows_hit = 0 then
            raise exception 'stream % was changed concurrently (expected version %)', p_stream_ids[i], coalesce(cur[i], 0)
                using errcode = 'ES409', hint = p_stream_ids[i]::text || ' ' || p_expected[i] || ' '
                      || coalesce((select s.version from es.streams s where s.stream_id = p_stream_ids[i]), 0);
        end if;
    end loop;

    with inserted as (
        insert into es.events (event_id, stream_id, version, event_type, schema_version, data, metadata, created_at)
        select * from unnest(p_event_ids, ev_streams, ev_versions, p_event_types, p_schema_versions, p_data, p_metadata)
                 as e(event_id, stream_id, version, event_type, schema_version, data, metadata)
                 cross join (select ts) as t
        returning es.events.seq_id
    )
    select array_agg(seq_id order by seq_id) into out_seq from inserted;

    if p_idempotency_key is not null then
        -- A concurrent twin with the same key fails here with a unique violation; the caller then
        -- reads the twin's stored result.
        insert into es.command_log (idempotency_key, request_hash, result, stream_ids, versions, seq_ids)
        values (p_idempotency_key, p_request_hash, p_result, p_stream_ids, new_vers, out_seq);
    end if;

    return query select false, new_vers, out_seq, p_result, p_request_hash, ts;
end $$;
