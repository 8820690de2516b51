using Crm.Host.Access;
using Crm.Host.Settings;
using Crm.Projections.Products;
using Crm.Write.Products;

namespace Crm.Host.Products;

/// <summary>What every product endpoint takes besides the request's own values, bound as one parameter ([AsParameters]).</summary>
public readonly record struct ProductServices(
    HttpContext Http, CallerAccess Caller, ProductHandler Handler, ProductQueries Products, SettingsReader Settings, EventStore.EventStore Store,
    CancellationToken Ct);

/// <summary>What every product-category endpoint takes besides the request's own values.</summary>
public readonly record struct ProductCategoryServices(
    HttpContext Http, CallerAccess Caller, ProductCategoryHandler Handler, ProductQueries Products, EventStore.EventStore Store, CancellationToken Ct);
