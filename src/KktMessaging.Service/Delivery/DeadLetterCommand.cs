using System.CommandLine;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Messaging;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// <c>KktMessaging.Service dlq list|replay</c>: the dead-letter tools from a shell, with the service's own
/// configuration (appsettings and environment). The service itself need not run.
/// </summary>
public static class DeadLetterCommand
{
    public static bool IsInvoked(string[] args) => args is ["dlq", ..];

    public static Task<int> RunAsync(string[] args)
    {
        var receipt = new Option<string?>("--receipt") { Description = "One receipt, by receiptId" };
        var errorClass = new Option<string?>("--class") { Description = $"One error class: {string.Join(", ", DeadLetterFilter.ErrorClasses)}" };
        var all = new Option<bool>("--all") { Description = "Every dead-lettered receipt" };

        var list = new Command("list", "List dead-lettered receipts: receiptId, class, attempts, age, reason") { receipt, errorClass };
        list.SetAction((parse, cancellationToken) =>
            WithReplayerAsync(parse.GetValue(receipt), parse.GetValue(errorClass), parse.GetValue(receipt) is null && parse.GetValue(errorClass) is null,
                async (replayer, filter) =>
                {
                    var entries = await replayer.ListAsync(filter, cancellationToken);
                    foreach (var entry in entries)
                        Console.WriteLine($"{entry.ReceiptId}  {entry.ErrorClass,-9}  attempts {entry.Attempts,3}  age {TimeSpan.FromSeconds(entry.AgeSeconds):d\\.hh\\:mm\\:ss}  {entry.Reason}");
                    Console.WriteLine($"{entries.Count} dead-lettered receipts");
                }));

        var replay = new Command("replay", "Move dead-lettered messages back to send-to-ofd with a fresh redelivery budget") { receipt, errorClass, all };
        replay.SetAction((parse, cancellationToken) =>
            WithReplayerAsync(parse.GetValue(receipt), parse.GetValue(errorClass), parse.GetValue(all), async (replayer, filter) =>
            {
                var result = await replayer.ReplayAsync(filter, progress =>
                {
                    Console.WriteLine($"scanned {progress.Scanned}/{progress.QueueLength}, replayed {progress.Replayed}");
                    return Task.CompletedTask;
                }, cancellationToken);
                Console.WriteLine($"Replayed {result.Replayed}, left in {DeadLetterReplayer.ErrorQueue} {result.LeftInErrorQueue}, returned to Pending {result.ReturnedToPending}");
            }));

        return new RootCommand("Dead-letter tools for send-to-ofd_error") { list, replay }.Parse(args).InvokeAsync();
    }

    private static async Task<int> WithReplayerAsync(string? receiptId, string? errorClass, bool all, Func<DeadLetterReplayer, DeadLetterFilter, Task> action)
    {
        var (filter, error) = DeadLetterFilter.Parse(receiptId, errorClass, all);
        if (filter is null)
        {
            await Console.Error.WriteLineAsync(error);
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddBuffer();
        builder.Services.AddValidatedOptions<RabbitMqOptions>(RabbitMqOptions.SectionName);
        builder.Services.AddScoped<DeadLetterReplayer>();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<DeadLetterReplayer>(), filter);
        return 0;
    }
}
