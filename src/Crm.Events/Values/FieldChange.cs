namespace Crm.Events;

// Value types live in the root namespace: the catalogue test treats every public sealed type under
// Crm.Events.* as an event, and these are parts of events, not events.

/// <summary>
/// One field's change inside an "edited" event, old → new, as text (tags joined with ", "), so the
/// operation log renders any edit from the event alone. Null means "empty".
/// </summary>
public sealed record FieldChange(string Field, string? Old, string? New);
