-- Called by the single-stream fast path (EventStore.AppendFast) only when its compare-and-set touched
-- no row: says why, as es.append_events would, and aborts the statement.
create function es.append_refused(p_stream_id uuid, p_expected bigint) returns boolean
language plpgsql as $$
declare
    s record;
begin
    select version, is_archived into s from es.streams where stream_id = p_stream_id;
    if found and s.is_archived then
        raise exception 'stream % is archived', p_stream_id using errcode = 'ES410', hint = p_stream_id::text;
    end if;
    raise exception 'stream % expected version % but is at %', p_stream_id, p_expected, coalesce(s.version, 0)
        using errcode = 'ES409', hint = p_stream_id::text || ' ' || p_expected || ' ' || coalesce(s.version, 0);
end $$;
