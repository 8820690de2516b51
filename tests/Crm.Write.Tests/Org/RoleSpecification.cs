using System.Text.Json;
using Crm.Write.Org;

namespace Crm.Write.Tests.Org;

/// <summary>Given past role events, when a command is decided, then these events (or this refusal).</summary>
internal static class RoleSpecification
{
    public static readonly CommandContext Context = new(Guid.NewGuid(), DateTimeOffset.Parse("2026-03-01T09:00:00Z"));

    public static RoleState Given(params object[] events) => Role.Decider.Fold(Role.Decider.Initial, events);

    // Role events hold lists, which records compare by reference: compare what would be stored instead.
    public static void ThenEvents(Decision decision, params object[] expected)
    {
        Assert.Null(decision.Error);
        Assert.Equal(expected.Select(Stored), decision.Events.Select(Stored));
    }

    public static void ThenRefused(Decision decision, ErrorKind kind, string code, string? field = null) =>
        DepartmentSpecification.ThenRefused(decision, kind, code, field);

    private static string Stored(object e) => e.GetType().Name + JsonSerializer.Serialize(e, e.GetType());
}
