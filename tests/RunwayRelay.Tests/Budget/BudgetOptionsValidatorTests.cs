using RunwayRelay.Budget;

namespace RunwayRelay.Tests.Budget;

public sealed class BudgetOptionsValidatorTests
{
    [Theory]
    [InlineData("Budget:MaxCreditsPerGeneration", "0", "Budget__MaxCreditsPerGeneration must be a positive number of credits")]
    [InlineData("Budget:MaxCreditsPerDay", "-5", "Budget__MaxCreditsPerDay must be a positive number of credits")]
    [InlineData("Budget:BalanceCacheDuration", "02:00:00", "Budget__BalanceCacheDuration must be between 00:00:00")]
    public void Options_BadSetting_FailsWithOneActionableLine(string key, string value, string expected)
    {
        using var services = Services(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BudgetOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_Unset_NoLimitsAndTheBalanceChecked()
    {
        using var services = Services(new Dictionary<string, string?>());

        var options = services.GetRequiredService<IOptions<BudgetOptions>>().Value;

        Assert.Null(options.MaxCreditsPerGeneration);
        Assert.Null(options.MaxCreditsPerDay);
        Assert.True(options.CheckBalance);
        Assert.Equal(TimeSpan.FromSeconds(30), options.BalanceCacheDuration);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddRunwayRelayOrchestration();
        return services.BuildServiceProvider();
    }
}
