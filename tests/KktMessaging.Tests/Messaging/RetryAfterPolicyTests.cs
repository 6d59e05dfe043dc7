using KktMessaging.Service.Delivery;
using KktMessaging.Service.Messaging;
using KktMessaging.Service.Ofd;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Middleware;
using MassTransit.RetryPolicies;
using MassTransit.RetryPolicies.ExceptionFilters;

namespace KktMessaging.Tests.Messaging;

public class RetryAfterPolicyTests
{
    private readonly RetryAfterPolicy _policy = new(
        new IntervalRetryPolicy(new AllExceptionFilter(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)),
        exception => (exception as OfdDeliveryException)?.RetryAfter);

    [Fact]
    public void When_the_OFD_asks_for_a_longer_wait_Should_wait_that_long()
    {
        var delays = Delays(new OfdDeliveryException(Guid.NewGuid(), OfdErrorClass.Transient, "busy", TimeSpan.FromSeconds(5)));

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], delays);
    }

    [Fact]
    public void When_the_OFD_asks_for_a_shorter_wait_or_none_Should_keep_the_ladder()
    {
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)],
            Delays(new OfdDeliveryException(Guid.NewGuid(), OfdErrorClass.Transient, "busy", TimeSpan.FromMilliseconds(10))));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], Delays(new HttpRequestException("refused")));
    }

    [Fact]
    public void When_the_ladder_is_spent_Should_stop_retrying()
    {
        using var policyContext = _policy.CreatePolicyContext(new TestPipeContext());
        var exception = new HttpRequestException("refused");

        Assert.True(policyContext.CanRetry(exception, out var first));
        Assert.True(first.CanRetry(exception, out var second));
        Assert.False(second.CanRetry(exception, out _));
    }

    private List<TimeSpan?> Delays(Exception exception)
    {
        using var policyContext = _policy.CreatePolicyContext(new TestPipeContext());
        policyContext.CanRetry(exception, out var retry);
        var delays = new List<TimeSpan?> { retry.Delay };
        retry.CanRetry(exception, out retry);
        delays.Add(retry.Delay);
        return delays;
    }

    private sealed class TestPipeContext : BasePipeContext, PipeContext;
}
