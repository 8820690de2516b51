namespace Crm.Benchmarks;

/// <summary>
/// The streams one writer appends to, and their current versions. Writers never share a stream, so
/// neither side spends time on conflicts and retries: the figures compare the write path alone.
/// </summary>
public sealed class OwnedStreams
{
    private static int nextNumber;
    private readonly Guid[] ids;
    private readonly int[] numbers;
    private readonly long[] versions;
    private int cursor = -1;

    public OwnedStreams(int count)
    {
        ids = new Guid[count];
        numbers = new int[count];
        versions = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Guid.CreateVersion7();
            numbers[i] = Interlocked.Increment(ref nextNumber);
        }
    }

    public int Count => ids.Length;

    /// <summary>The next stream, round robin: its index, id, number (for payloads) and current version (0 = new).</summary>
    public (int Index, Guid Id, int Number, long Version) Next()
    {
        cursor = (cursor + 1) % ids.Length;
        return (cursor, ids[cursor], numbers[cursor], versions[cursor]);
    }

    public void Advance(int index, long by) => versions[index] += by;
}
