using Crm.Write.Org;

namespace Crm.Write.Tests.Org;

/// <summary>Given past events, when a command is decided, then these events (or this refusal).</summary>
internal static class DepartmentSpecification
{
    public static readonly CommandContext Context = new(Guid.NewGuid(), DateTimeOffset.Parse("2026-03-01T09:00:00Z"));

    public static DepartmentState Given(params object[] events) => Department.Decider.Fold(Department.Decider.Initial, events);

    public static void ThenEvents(Decision decision, params object[] expected)
    {
        Assert.Null(decision.Error);
        Assert.Equal(expected, decision.Events);
    }

    public static void ThenRefused(Decision decision, ErrorKind kind, string code, string? field = null)
    {
        Assert.NotNull(decision.Error);
        Assert.Equal(kind, decision.Error.Kind);
        Assert.Equal(code, decision.Error.Code);
        if (field is not null) Assert.Equal(field, decision.Error.Field);
        Assert.Empty(decision.Events);
    }
}
