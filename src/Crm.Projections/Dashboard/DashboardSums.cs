namespace Crm.Projections.Dashboard;

/// <summary>The activity counts of one period (and one owner, when asked by owner).</summary>
public sealed record ActivitySums(int Period, Guid? OwnerId, long NewLeads, long NewCustomers, long NewContacts, long NewOpportunities, long FollowUps);

/// <summary>Counted deals of one measure and currency in one period (and one owner, when asked by owner).</summary>
public sealed record DealSums(int Period, Guid? OwnerId, string Measure, string Currency, decimal Amount, long Deals);

/// <summary>A period of instants [From, Until): local midnights of the caller's zone, as UTC.</summary>
public sealed record InstantPeriod(DateTimeOffset From, DateTimeOffset Until);

/// <summary>A period of calendar days [First, Last].</summary>
public sealed record DayPeriod(DateOnly First, DateOnly Last);
