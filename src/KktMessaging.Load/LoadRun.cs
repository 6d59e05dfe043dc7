using System.Collections.Concurrent;
using System.Diagnostics;
using KktMessaging.Contracts;
using MassTransit;

namespace KktMessaging.Load;

/// <summary>
/// Publishes receipts as a POS fleet would and listens for ReceiptDelivered / ReceiptRejected until every
/// receipt is accounted for or the timeout passes.
/// </summary>
public sealed class LoadRun(LoadSettings settings, Action<LoadProgress>? onProgress = null)
{
    private readonly ConcurrentDictionary<Guid, long> _publishedAt = new();
    private readonly ConcurrentDictionary<Guid, bool> _expectInvalid = new();
    private readonly ConcurrentDictionary<Guid, double> _latencies = new();
    private readonly ConcurrentDictionary<Guid, bool> _rejected = new();
    private readonly TaskCompletionSource _allBack = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _published;

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        var bus = CreateBus();
        await bus.StartAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var progress = StartProgress(started, cancellationToken);
            await PublishAllAsync(bus, cancellationToken);
            var publishSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await WaitForAllAsync(cancellationToken);
            return Report(publishSeconds, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private IBusControl CreateBus() => Bus.Factory.CreateUsingRabbitMq(rabbit =>
    {
        rabbit.Host(settings.Host, settings.Port, settings.VirtualHost, host =>
        {
            host.Username(settings.Username);
            host.Password(settings.Password);
        });
        rabbit.ReceiveEndpoint(new TemporaryEndpointDefinition(), endpoint =>
        {
            endpoint.PrefetchCount = 500;
            endpoint.Handler<ReceiptDelivered>(context => Delivered(context.Message.ReceiptId));
            endpoint.Handler<ReceiptRejected>(context => Rejected(context.Message.ReceiptId));
        });
    });

    private async Task PublishAllAsync(IBus bus, CancellationToken cancellationToken)
    {
        var factory = new ReceiptFactory(seed: Environment.TickCount);
        var invalidEvery = settings.InvalidShare > 0 ? 1 / settings.InvalidShare : double.PositiveInfinity;
        var pacer = Stopwatch.StartNew();
        var pending = new List<Task>();
        var invalidCount = 0;
        for (var i = 0; i < settings.Count; i++)
        {
            var invalid = (invalidCount + 1) * invalidEvery <= i + 1;
            var receipt = invalid ? factory.Invalid(invalidCount++).Receipt : factory.Valid();
            _expectInvalid[receipt.ReceiptId] = invalid;
            if (settings.Rate > 0) await PaceAsync(pacer, i, cancellationToken);
            _publishedAt[receipt.ReceiptId] = Stopwatch.GetTimestamp();
            pending.Add(bus.Publish(receipt, cancellationToken));
            Interlocked.Increment(ref _published);
            if (pending.Count >= 200)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }

    private async Task PaceAsync(Stopwatch pacer, int index, CancellationToken cancellationToken)
    {
        var due = TimeSpan.FromSeconds(index / settings.Rate) - pacer.Elapsed;
        if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken);
    }

    private async Task WaitForAllAsync(CancellationToken cancellationToken)
    {
        CheckAllBack();
        try
        {
            await _allBack.Task.WaitAsync(settings.Timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The report tells how many are missing.
        }
    }

    private Task Delivered(Guid receiptId)
    {
        if (_publishedAt.TryGetValue(receiptId, out var publishedAt))
            _latencies.TryAdd(receiptId, Stopwatch.GetElapsedTime(publishedAt).TotalMilliseconds);
        CheckAllBack();
        return Task.CompletedTask;
    }

    private Task Rejected(Guid receiptId)
    {
        if (_publishedAt.ContainsKey(receiptId)) _rejected.TryAdd(receiptId, true);
        CheckAllBack();
        return Task.CompletedTask;
    }

    private void CheckAllBack()
    {
        if (Volatile.Read(ref _published) == settings.Count && _latencies.Count + _rejected.Count >= settings.Count) _allBack.TrySetResult();
    }

    private IDisposable StartProgress(long started, CancellationToken cancellationToken)
    {
        var timer = new Timer(_ => onProgress?.Invoke(new LoadProgress(
            settings.Count, Volatile.Read(ref _published), _latencies.Count, _rejected.Count, Stopwatch.GetElapsedTime(started))));
        timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return timer;
    }

    private LoadReport Report(double publishSeconds, double totalSeconds)
    {
        var latencies = _latencies.Values.Order().ToList();
        var unexpected = _rejected.Keys.Count(id => !_expectInvalid.GetValueOrDefault(id));
        return new LoadReport(
            _published,
            _expectInvalid.Values.Count(invalid => invalid),
            latencies.Count,
            _rejected.Count,
            unexpected,
            publishSeconds,
            totalSeconds,
            LoadReport.Percentile(latencies, 50),
            LoadReport.Percentile(latencies, 90),
            LoadReport.Percentile(latencies, 99),
            latencies.Count == 0 ? 0 : latencies[^1]);
    }
}

public sealed record LoadProgress(int Count, int Published, int Delivered, int Rejected, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"{Elapsed:mm\\:ss} published {Published}/{Count}, delivered {Delivered}, rejected {Rejected}, {(Delivered + Rejected) / Math.Max(Elapsed.TotalSeconds, 1e-9):F0}/s";
}
