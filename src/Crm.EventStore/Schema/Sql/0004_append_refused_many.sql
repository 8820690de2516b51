-- Called by the multi-stream fast path (EventStore.AppendMany) only when its compare-and-sets touched
-- fewer streams than it appends to: finds the first stream whose expectation fails and says why, as
-- es.append_events would, aborting the statement. It runs inside that statement and so sees the rows
-- the statement already wrote (their xmin is this transaction): those streams are not the ones at fault.
create function es.append_refused_many(p_stream_ids uuid[], p_expected bigint[]) returns boolean
language plpgsql as $$
declare
    s record;
    i int;
begin
    for i in 1 .. coalesce(array_length(p_stream_ids, 1), 0) loop
        select version, is_archived, xmin = xid(pg_current_xact_id()) as mine into s from es.streams where stream_id = p_stream_ids[i];
        continue when found and s.mine;
        if found and s.is_archived then
            raise exception 'stream % is archived', p_stream_ids[i] using errcode = 'ES410', hint = p_stream_ids[i]::text;
        end if;
        if (p_expected[i] = 0 and found) or (p_expected[i] > 0 and (not found or s.version <> p_expected[i])) then
            raise exception 'stream % expected version % but is at %', p_stream_ids[i], p_expected[i], coalesce(s.version, 0)
                using errcode = 'ES409', hint = p_stream_ids[i]::text || ' ' || p_expected[i] || ' ' || coalesce(s.version, 0);
        end if;
    end loop;
    -- Every expectation holds by now: a concurrent change came and went while the statement ran.
    raise exception 'stream % was changed concurrently', p_stream_ids[1]
        using errcode = 'ES409', hint = p_stream_ids[1]::text || ' ' || p_expected[1] || ' '
              || coalesce((select version from es.streams where stream_id = p_stream_ids[1]), 0);
end $$;
