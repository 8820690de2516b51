namespace Crm.Events;

/// <summary>The channels one kind of notification goes through (in_app, email, webhook); none: not at all.</summary>
public sealed record NotificationChannelChoice(string Kind, IReadOnlyList<string> Channels);
