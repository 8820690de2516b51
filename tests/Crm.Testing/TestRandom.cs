using System.Globalization;

namespace Crm.Testing;

/// <summary>
/// The tests' one source of random test data (phone numbers, mobiles), seeded so a failing run can be
/// replayed: CRM_TEST_SEED picks the seed, otherwise a fixed one. Values only need to differ within
/// a test class, whose database is its own. Locked: test classes run in parallel.
/// </summary>
public static class TestRandom
{
    public const int DefaultSeed = 20_260_301;

    private static readonly Random Random = new(Seed);
    private static readonly Lock Gate = new();

    public static int Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("CRM_TEST_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : DefaultSeed;

    public static int Next(int minValue, int maxValue)
    {
        lock (Gate) return Random.Next(minValue, maxValue);
    }

    public static long NextInt64(long minValue, long maxValue)
    {
        lock (Gate) return Random.NextInt64(minValue, maxValue);
    }
}
