using Crm.Write;

namespace Crm.Host.Org;

/// <summary>
/// The extension point for handing a disabled user's records over to another user (ORG-3). After the
/// user stream records user.records-handed-over, the host calls every registered implementation in
/// turn; a module (customers, leads, tasks …) registers one with
/// <c>services.AddSingleton&lt;IRecordsHandOver, CustomerHandOver&gt;()</c> and re-assigns its own
/// records as commands of its own (so each record's history shows the transfer), using
/// the command request for the actor and request ids. It must be idempotent: a hand-over can be repeated.
/// </summary>
public interface IRecordsHandOver
{
    /// <summary>The module's name, for the hand-over's answer (e.g. "customers").</summary>
    string Module { get; }

    /// <returns>How many records were handed over.</returns>
    Task<int> HandOverAsync(Guid fromUserId, Guid toUserId, CommandRequest request, CancellationToken ct);
}
