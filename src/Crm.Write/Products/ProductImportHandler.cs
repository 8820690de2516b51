using Crm.Events;
using Crm.Events.Imports;
using Crm.Events.Products;
using Crm.EventStore;
using Crm.Projections.Products;
using Crm.Write.Imports;
using Npgsql;

namespace Crm.Write.Products;

/// <summary>An import of a parsed product CSV (SAL-1).</summary>
public sealed record ImportProducts(Guid ImportId, string? FileName, IReadOnlyList<ImportRowVerdict<NewProduct>> Rows);

/// <summary>
/// Writes a product import: rows are decided and written in batches, each batch ONE multi-stream append (a new
/// product stream per row, with product.shelved when the row says onShelf), so a row is written whole or not at
/// all. A code held by a live product or by an earlier row of the file refuses the row. The batch's codes are
/// locked inside its append and looked up again there: a product that took one of them meanwhile makes the batch
/// decide again, so an import and a create never both take one code. The products carry the import's id as their
/// correlation id. The import's report is recorded last, in its own stream (<see cref="ProductsImported"/>, stream type
/// <see cref="Customers.CustomerImportHandler.StreamType"/>), after every batch of its rows has committed: GET /api/products/imports/{id}.
/// </summary>
public sealed class ProductImportHandler(EventStore.EventStore store, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int BatchSize = 500;
    private const int MaxAttempts = 5;

    public async Task<ProductsImported> ImportAsync(ImportProducts command, Caller caller, CommandRequest request, CancellationToken ct)
    {
        var failures = new List<ImportRowFailure>();
        foreach (var bad in command.Rows.Where(r => !r.Succeeded))
            failures.AddRange(bad.Errors.Select(e => new ImportRowFailure(bad.RowNumber, e.Field, e.Code, e.Message)));
        var accepted = command.Rows.Where(r => r.Succeeded).ToList();
        var earlierRows = new Dictionary<string, int>(StringComparer.Ordinal);
        var options = new AppendOptions { Metadata = request.Metadata with { CorrelationId = command.ImportId.ToString() } };
        var context = CommandContexts.For(clock, request);
        var written = 0;
        foreach (var batch in accepted.Chunk(BatchSize))
        {
            // Rows refused in this file are refused once, whatever the retries of the batch see.
            var fresh = new List<ImportRowVerdict<NewProduct>>();
            foreach (var row in batch)
            {
                var code = ProductInput.NormalizeCode(row.Command!.Fields.Code)!;
                if (earlierRows.TryGetValue(code, out var earlier))
                    failures.Add(new ImportRowFailure(row.RowNumber, "code", "duplicate_in_file", $"Row {earlier} of this file has the same code."));
                else
                {
                    earlierRows[code] = row.RowNumber;
                    fresh.Add(row);
                }
            }
            written += await WriteBatchAsync(fresh, context, options, failures, ct);
        }
        failures.Sort((x, y) => x.Row.CompareTo(y.Row));
        var record = new ProductsImported(command.ImportId, command.FileName, command.Rows.Count, written, command.Rows.Count - written, failures);
        var own = new StreamAppend(command.ImportId, Customers.CustomerImportHandler.StreamType, ExpectedVersion.NoStream, [record]);
        await store.AppendAsync(own, options, ct);
        return record;
    }

    private async Task<int> WriteBatchAsync(
        List<ImportRowVerdict<NewProduct>> rows, CommandContext context, AppendOptions options, List<ImportRowFailure> failures, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var codes = rows.Select(r => ProductInput.NormalizeCode(r.Command!.Fields.Code)!).ToList();
        var categories = rows.Select(r => r.Command!.Fields.CategoryId?.Value).OfType<Guid>().Distinct().ToList();
        for (var attempt = 1; ; attempt++)
        {
            var facts = ProductFacts.Now(dataSource);
            var taken = await facts.CodesTakenAsync(codes, ct);
            var found = await facts.CategoriesFoundAsync(categories, ct);
            var refused = new List<ImportRowFailure>();
            var appends = new List<StreamAppend>(rows.Count);
            foreach (var row in rows)
            {
                var product = row.Command!;
                var code = ProductInput.NormalizeCode(product.Fields.Code)!;
                var category = product.Fields.CategoryId?.Value;
                var decision = Product.Decide(new CreateProduct(product.ProductId, product.Fields, category is null || found.Contains(category.Value),
                    taken.Contains(code) ? Guid.Empty : null), ProductState.None, context);
                if (decision.Error is { } error)
                {
                    refused.AddRange(error.Errors.Count > 0
                        ? error.Errors.Select(f => new ImportRowFailure(row.RowNumber, f.Field, f.Code, f.Message))
                        : [new ImportRowFailure(row.RowNumber, error.Field ?? "row", error.Code, error.Message)]);
                    continue;
                }
                object[] events = product.OnShelf ? [.. decision.Events, new ProductShelved(product.ProductId, context.Now)] : [.. decision.Events];
                appends.Add(new StreamAppend(product.ProductId, Product.StreamType, ExpectedVersion.NoStream, events));
            }
            if (appends.Count == 0)
            {
                failures.AddRange(refused);
                return 0;
            }
            string[] locks = [.. codes.Select(ProductLocks.Code), .. categories.Count > 0 ? new[] { ProductLocks.Categories } : []];
            var guard = new AppendGuard(locks, async (connection, tx, t) =>
            {
                var now = ProductFacts.Within(connection, tx);
                return (await now.CodesTakenAsync(codes, t)).SetEquals(taken) && (await now.CategoriesFoundAsync(categories, t)).SetEquals(found);
            });
            try
            {
                await store.AppendAsync(appends, options with { Guard = guard }, ct);
                failures.AddRange(refused);
                return appends.Count;
            }
            catch (FactsChangedException) when (attempt < MaxAttempts)
            {
                // A code or category changed between the look-up and the append: decide the batch again on fresh facts.
            }
            catch (FactsChangedException)
            {
                // Still changing after every attempt: this batch is not written, and the report says so per row — earlier
                // batches are committed, so failing the whole request now would answer 500 for a file half written.
                failures.AddRange(refused);
                failures.AddRange(rows.Where(r => refused.All(f => f.Row != r.RowNumber)).Select(r => new ImportRowFailure(r.RowNumber, "row",
                    "concurrent_change", "The products' codes or categories kept changing while this row was written; import it again.")));
                return 0;
            }
        }
    }
}
