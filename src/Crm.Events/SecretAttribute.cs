namespace Crm.Events;

/// <summary>
/// A value that must never leave the server, though the event keeps it (a password hash): the audit feed (GET /api/events) and any
/// other reader of raw events replace it. Put it on the record's constructor parameter's property ([property: Secret]).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
