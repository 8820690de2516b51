namespace Crm.EventStore.Schema;

/// <summary>A numbered schema change. Components (the engine, read models) each own a list of them.</summary>
public sealed record Migration(string Component, int Number, string Name, string Sql);
