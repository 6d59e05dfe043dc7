using System.Diagnostics;

namespace KktMessaging.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition instead of sleeping for a guess.</summary>
public static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout) throw new TimeoutException($"Waited {timeout.TotalSeconds:F0} s for: {what}");
            await Task.Delay(100);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);
}
