using Crm.Benchmarks;

// ops/bench runs this against a throwaway server; see BenchOptions for the knobs.
var options = BenchOptions.Parse(args);
var clock = System.Diagnostics.Stopwatch.StartNew();
await using var db = await BenchDatabase.CreateAsync(options.AdminConnectionString, options.AutoPrepare);
await BenchEnvironment.PrintAsync(db, options);
await db.ResetAsync();

var store = new Crm.EventStore.EventStore(db.DataSource, Workload.Registry());
var report = new Report(options.Quick);
// Marten (issue 13) in a schema of its own on the same database, a third side of the engine figures.
await using var marten = options.Marten && (options.Runs("append-single") || options.Runs("append-batch") || options.Runs("load") || options.Runs("projection"))
    ? await MartenSide.CreateAsync(db, options.MartenBatchSize ?? new Crm.EventStore.Daemon.DaemonOptions().RebuildBatchSize)
    : null;
// HTTP first: its targets are absolute rates on cores shared by host, server and client, and in a full run after the
// 1,000,000-customer figure the floor itself measured half its standalone rate (10,666 against 21,329 req/s).
if (options.Runs("http")) await HttpBenchmark.RunAsync(db, options, report);
if (options.Runs("append-single")) await SingleEventAppendBenchmark.RunAsync(db, store, marten, options, report);
else if (options.Runs("append-command")) await SingleEventAppendBenchmark.RunCommandAsync(db, options, report); // figure 1c alone
if (options.Runs("append-batch")) await BatchAppendBenchmark.RunAsync(db, store, marten, options, report);
if (options.Runs("load")) await StreamLoadBenchmark.RunAsync(db, store, marten, options, report);
if (options.Runs("long-stream")) await LongStreamBenchmark.RunAsync(db, options, report);
if (options.Runs("projection")) await ProjectionBenchmark.RunAsync(db, store, marten, options, report);
if (options.Runs("access")) await AccessBenchmark.RunAsync(db, options, report);
if (options.Runs("customers")) await CustomersBenchmark.RunAsync(db, options, report);
if (options.Runs("sales")) await SalesBenchmark.RunAsync(db, options, report);
if (options.Runs("money")) await MoneyBenchmark.RunAsync(db, options, report);
if (options.Runs("outbox")) await OutboxBenchmark.RunAsync(db, options, report);
if (options.Runs("workbench")) await WorkbenchBenchmark.RunAsync(db, options, report);
if (options.Runs("reminders")) await RemindersBenchmark.RunAsync(db, options, report);
if (options.Runs("dashboard")) await DashboardBenchmark.RunAsync(db, options, report);
if (options.Only is "http-engine") await HttpBenchmark.EngineOnlyAsync(db, options, report);

report.PrintSummary();
Console.WriteLine($"total run time: {clock.Elapsed.TotalSeconds:0.0} s");
return report.PrintVerdict();
