using Crm.Host.Platform;

namespace Crm.Host.Products;

/// <summary>What the OpenAPI document says about each product-category operation (SAL-1).</summary>
internal static class ProductCategoryApiDocs
{
    private const string Example = """
        {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5b01","name":"Software","parentId":null,"version":1,"createdAt":"2026-03-01T09:00:00+00:00",
        "updatedAt":"2026-03-01T09:00:00+00:00","children":null}
        """;

    public static readonly ApiDoc List = new("List the product categories, flat or as a tree",
        "Every category (a catalogue's tree is small, so there is no paging). view=flat (default): by name, each with its parentId; view=tree: "
        + "the top-level categories, each with its children, nested.")
    { Response = $$"""{"items":[{{Example}}]}""", Problems = [400] };

    public static readonly ApiDoc Create = new("Create a product category",
        "Under parentId, or at the top level. The parent must exist (422 naming parentId).")
    {
        Request = """{"name":"Software","parentId":null}""", Response = Example, Status = StatusCodes.Status201Created, Problems = [400, 409, 422],
    };

    public static readonly ApiDoc Get = new("Read a product category", "ETag is the category's version.") { Response = Example, Problems = [404] };

    public static readonly ApiDoc Update = new("Rename a product category or move it",
        "name renames; parentId moves (null: the top level; absent: stays). A move under itself or one of its sub-categories is refused "
        + "(409 category_cycle), also when two moves race. If-Match → 412 when stale.")
    { Request = """{"name":"Software licences","parentId":null}""", Response = Example, Problems = [400, 404, 409, 412, 422] };

    public static readonly ApiDoc Delete = new("Delete a product category",
        "Only a category without sub-categories and products (409 category_not_empty).")
    { Status = StatusCodes.Status204NoContent, Problems = [404, 409, 412] };

    public static readonly ApiDoc History = new("A product category's operation log",
        "One entry per event, oldest first: created, renamed, moved, deleted, with actor and fields old → new.")
    {
        Response = """
            {"id":"0196f3a2-7c1e-7d40-9a51-3f0c2b8e5b01","items":[{"version":1,"at":"2026-03-01T09:00:00+00:00","action":"created",
            "eventType":"product-category.created","actorId":null,"requestId":null,"changes":[{"field":"name","old":null,"new":"Software"}]}]}
            """,
        Problems = [404],
    };
}
