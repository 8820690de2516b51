namespace Crm.Host.Tests.Opportunities;

/// <summary>The host the opportunity tests share: products and the standard pipeline come from their own APIs and projections.</summary>
public sealed class OpportunityHostFixture : HostFixture;
