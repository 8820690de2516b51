using Crm.Projections.Products;
using Crm.Write.Products;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Host.Products;

/// <summary>The products module (SAL-1): products, their categories, CSV import and export.</summary>
public static class ProductsModule
{
    public static IServiceCollection AddProducts(this IServiceCollection services)
    {
        services.TryAddSingleton<ProductQueries>();
        services.TryAddSingleton<ProductLineFacts>();
        services.TryAddSingleton<ProductHandler>();
        services.TryAddSingleton<ProductCategoryHandler>();
        services.TryAddSingleton<ProductImportHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapProducts(this IEndpointRouteBuilder app)
    {
        app.MapProductCsvApi();
        app.MapProductsApi();
        app.MapProductCategoriesApi();
        return app;
    }
}
