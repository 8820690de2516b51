namespace Crm.Write;

/// <summary>
/// One field of a partial update that the client did send: <c>Edit&lt;T&gt;?</c> is null when the field
/// was absent (leave it), and an Edit with a null Value when it was sent as null (clear it).
/// </summary>
public readonly record struct Edit<T>(T Value);
