using MassTransit;

namespace KktMessaging.Service.Messaging;

/// <summary>
/// A retry policy whose delay is at least what the failure asked for (an HTTP Retry-After), and otherwise the
/// inner policy's. Counting, filtering and limits stay the inner policy's.
/// </summary>
public sealed class RetryAfterPolicy(IRetryPolicy inner, Func<Exception, TimeSpan?> retryAfter) : IRetryPolicy
{
    public void Probe(ProbeContext context) => inner.Probe(context);

    public bool IsHandled(Exception exception) => inner.IsHandled(exception);

    public RetryPolicyContext<T> CreatePolicyContext<T>(T context) where T : class, PipeContext =>
        new PolicyContext<T>(inner.CreatePolicyContext(context), retryAfter);

    private static RetryContext<T> Wrap<T>(RetryContext<T> retry, Func<Exception, TimeSpan?> retryAfter) where T : class =>
        retry is null ? null! : new StretchedRetryContext<T>(retry, retryAfter);

    private sealed class PolicyContext<T>(RetryPolicyContext<T> inner, Func<Exception, TimeSpan?> retryAfter) : RetryPolicyContext<T>
        where T : class
    {
        public T Context => inner.Context;

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            var canRetry = inner.CanRetry(exception, out var innerRetry);
            retryContext = Wrap(innerRetry, retryAfter);
            return canRetry;
        }

        public Task RetryFaulted(Exception exception) => inner.RetryFaulted(exception);

        public void Cancel() => inner.Cancel();

        public void Dispose() => inner.Dispose();
    }

    private sealed class StretchedRetryContext<T>(RetryContext<T> inner, Func<Exception, TimeSpan?> retryAfter) : RetryContext<T>
        where T : class
    {
        public T Context => inner.Context;
        public CancellationToken CancellationToken => inner.CancellationToken;
        public Exception Exception => inner.Exception;
        public int RetryAttempt => inner.RetryAttempt;
        public int RetryCount => inner.RetryCount;
        public Type ContextType => inner.ContextType;

        public TimeSpan? Delay => retryAfter(inner.Exception) is { } asked && asked > (inner.Delay ?? TimeSpan.Zero) ? asked : inner.Delay;

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            var canRetry = inner.CanRetry(exception, out var innerRetry);
            retryContext = Wrap(innerRetry, retryAfter);
            return canRetry;
        }

        public Task RetryFaulted(Exception exception) => inner.RetryFaulted(exception);

        public Task PreRetry() => inner.PreRetry();
    }
}
