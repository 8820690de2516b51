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

    /// <summary>
    /// A validation refusal naming exactly these fields, each with its code (a field may be named with
    /// several codes), led by the first of them, and no event.
    /// </summary>
    public static void ThenInvalid(Decision decision, params (string Field, string Code)[] expected)
    {
        Assert.NotNull(decision.Error);
        Assert.Equal(ErrorKind.Validation, decision.Error.Kind);
        Assert.Empty(decision.Events);
        var errors = decision.Error.Errors;
        Assert.NotEmpty(errors);
        Assert.Equal(expected.Order(), errors.Select(e => (e.Field, e.Code)).Order());
        Assert.Equal((errors[0].Field, errors[0].Code), (decision.Error.Field, decision.Error.Code));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message), $"{e.Field} has no message"));
    }

    public static T Single<T>(Decision decision)
    {
        Assert.Null(decision.Error);
        return Assert.IsType<T>(Assert.Single(decision.Events));
    }

    private static string Shape(object e) => e.GetType().Name + JsonSerializer.Serialize(e, e.GetType());
}
