using System.CommandLine;
using System.Text.Json;
using KktMessaging.Load;

var count = new Option<int>("--count") { Description = "How many receipts to publish", DefaultValueFactory = _ => 1000 };
var invalidShare = new Option<double>("--invalid-share") { Description = "Share of invalid receipts, 0..1", DefaultValueFactory = _ => 0 };
var rate = new Option<double>("--rate") { Description = "Receipts per second; 0 = as fast as possible", DefaultValueFactory = _ => 0 };
var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for every receipt to come back", DefaultValueFactory = _ => 600 };
var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON to this file" };
count.Validators.Add(result => { if (result.GetValueOrDefault<int>() < 1) result.AddError("--count must be at least 1"); });
invalidShare.Validators.Add(result => { if (result.GetValueOrDefault<double>() is < 0 or > 1) result.AddError("--invalid-share must be between 0 and 1"); });
rate.Validators.Add(result => { if (result.GetValueOrDefault<double>() < 0) result.AddError("--rate must not be negative"); });
timeout.Validators.Add(result => { if (result.GetValueOrDefault<int>() < 1) result.AddError("--timeout must be at least 1 second"); });

var root = new RootCommand(
    "Publishes realistic ReceiptCreated events over RabbitMQ, waits until each is Delivered or Rejected and reports " +
    "counts, rates and publish-to-Delivered latency. The broker comes from RabbitMq__Host, RabbitMq__Port, " +
    "RabbitMq__VirtualHost, RabbitMq__Username and RabbitMq__Password (defaults: 127.0.0.1:5672, /, guest).")
{
    count, invalidShare, rate, timeout, json,
};

root.SetAction(async (parse, cancellationToken) =>
{
    var settings = new LoadSettings
    {
        Count = parse.GetValue(count),
        InvalidShare = parse.GetValue(invalidShare),
        Rate = parse.GetValue(rate),
        Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
        Host = Environment.GetEnvironmentVariable("RabbitMq__Host") ?? "127.0.0.1",
        Port = ushort.Parse(Environment.GetEnvironmentVariable("RabbitMq__Port") ?? "5672"),
        VirtualHost = Environment.GetEnvironmentVariable("RabbitMq__VirtualHost") ?? "/",
        Username = Environment.GetEnvironmentVariable("RabbitMq__Username") ?? "guest",
        Password = Environment.GetEnvironmentVariable("RabbitMq__Password") ?? "guest",
    };
    var report = await new LoadRun(settings, ProgressPrinter.Print).RunAsync(cancellationToken);
    ProgressPrinter.Finish();
    foreach (var line in report.Lines()) Console.WriteLine(line);
    if (parse.GetValue(json) is { } file)
        await File.WriteAllTextAsync(file.FullName, JsonSerializer.Serialize(report, JsonSerializerOptions.Web), cancellationToken);
    return report.Complete ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
