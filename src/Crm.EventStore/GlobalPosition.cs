using System.Globalization;

namespace Crm.EventStore;

/// <summary>
/// A position in the global feed: (appending transaction id, sequence). The feed is ordered by this
/// pair. Its string form is opaque to clients: they hand back what they were given.
/// </summary>
public readonly record struct GlobalPosition(ulong TransactionId, long Sequence) : IComparable<GlobalPosition>
{
    public static GlobalPosition Start { get; } = new(0, 0);

    public int CompareTo(GlobalPosition other)
    {
        var byTx = TransactionId.CompareTo(other.TransactionId);
        return byTx != 0 ? byTx : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(GlobalPosition a, GlobalPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(GlobalPosition a, GlobalPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(GlobalPosition a, GlobalPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(GlobalPosition a, GlobalPosition b) => a.CompareTo(b) >= 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{TransactionId:x}-{Sequence:x}");

    public static bool TryParse(string? text, out GlobalPosition position)
    {
        position = Start;
        if (string.IsNullOrEmpty(text)) return false;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0) return false;
        if (!ulong.TryParse(text.AsSpan(0, dash), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var tx)) return false;
        if (!long.TryParse(text.AsSpan(dash + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var seq) || seq < 0) return false;
        position = new GlobalPosition(tx, seq);
        return true;
    }
}
