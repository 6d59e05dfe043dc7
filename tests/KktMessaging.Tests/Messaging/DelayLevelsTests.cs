using KktMessaging.Service.Delivery;
using KktMessaging.Service.Messaging;

namespace KktMessaging.Tests.Messaging;

public class DelayLevelsTests
{
    private readonly DelayLevels _levels = new(new DeliveryOptions().RedeliveryLadder, QueueType.Classic);

    [Fact]
    public void When_built_from_the_default_ladder_Should_have_one_level_per_distinct_step()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 60], _levels.Levels.Select(level => level.TotalSeconds));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1000, 1)]
    [InlineData(1001, 2)]
    [InlineData(5000, 8)]
    [InlineData(600_000, 60)]
    public void When_a_delay_falls_between_levels_Should_round_it_up(int delayMs, int levelSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(levelSeconds), _levels.RoundUp(TimeSpan.FromMilliseconds(delayMs)));

    [Fact]
    public void When_naming_a_level_Should_carry_its_TTL_and_queue_type()
    {
        var quorum = new DelayLevels([TimeSpan.FromMilliseconds(250)], QueueType.Quorum);

        Assert.Equal("kkt-delay-1000ms", _levels.NameOf(TimeSpan.FromSeconds(1)));
        Assert.Equal("kkt-delay-250ms-quorum", quorum.NameOf(TimeSpan.FromMilliseconds(250)));
    }

    [Fact]
    public void When_the_ladder_is_the_default_Should_double_from_1_s_to_a_60_s_cap_20_times()
    {
        var ladder = new DeliveryOptions().RedeliveryLadder.Select(step => step.TotalSeconds).ToList();

        Assert.Equal(20, ladder.Count);
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], ladder.Take(8));
        Assert.All(ladder.Skip(6), step => Assert.Equal(60, step));
    }
}
