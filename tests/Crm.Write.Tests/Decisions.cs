using System.Text.Json;

namespace Crm.Write.Tests;

/// <summary>
/// Then-assertions for any decider. Events are compared by type and JSON shape, because records
/// holding lists compare those lists by reference.
/// </summary>
internal static class Decisions
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T09:00:00Z");

    public static CommandContext As(Guid actor, DateTimeOffset? now = null) => new(actor, now ?? Now);

    public static void ThenEvents(Decision decision, params object[] expected)
    {
        Assert.Null(decision.Error);
        Assert.Equal(expected.Select(Shape).ToList(), decision.Events.Select(Shape).ToList());
    }

    public static void ThenNothing(Decision decision) => ThenEvents(decision);

    public static DomainError ThenRefused(Decision decision, ErrorKind kind, string code, string? field = null)
    {
        Assert.NotNull(decision.Error);
        Assert.Equal((kind, code), (decision.Error.Kind, decision.Error.Code));
        if (field is not null) Assert.Equal(field, decision.Error.Field);
        Assert.Empty(decision.Events);
        return decision.Error;
    }

    /// <summary>A validation refusal naming exactly these fields.</summary>
    public static void ThenInvalid(Decision decision, params string[] fields)
    {
        Assert.NotNull(decision.Error);
        Assert.Equal(ErrorKind.Validation, decision.Error.Kind);
        Assert.Equal(fields.Order(), decision.Error.Errors.Select(e => e.Field).Distinct().Order());
    }

    public static T Single<T>(Decision decision)
    {
        Assert.Null(decision.Error);
        return Assert.IsType<T>(Assert.Single(decision.Events));
    }

    private static string Shape(object e) => e.GetType().Name + JsonSerializer.Serialize(e, e.GetType());
}
