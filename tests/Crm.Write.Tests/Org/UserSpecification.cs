using Crm.Events.Org;
using Crm.Write.Org;

namespace Crm.Write.Tests.Org;

/// <summary>Given past user events, when a command is decided, then these events (or this refusal).</summary>
internal static class UserSpecification
{
    public static readonly CommandContext Context = new(Guid.NewGuid(), DateTimeOffset.Parse("2026-03-01T09:00:00Z"));
    public static readonly Guid Id = Guid.CreateVersion7();
    public static readonly UserRegistered Registered = new(Id, "13800000000", "Li Na", "female", null, null, null, null, []);

    public static UserState Given(params object[] events) => User.Decider.Fold(User.Decider.Initial, events);

    public static RegisterUser Register(string? mobile = "13800000000", string? name = "Li Na", string? email = null, string? gender = null) =>
        new(Id, mobile, name, gender, email, null, false, null, false, null, null, null, [], false, "HASH");

    public static ChangeUser Change(Guid? superior = null, IReadOnlyList<Guid>? chain = null, string? mobile = null, bool mobileTaken = false) =>
        new(Id, mobile is null ? null : new Edit<string?>(mobile), null, null, null, null, null,
            superior is null ? null : new Edit<Guid?>(superior), mobileTaken, false, false, chain);
}
