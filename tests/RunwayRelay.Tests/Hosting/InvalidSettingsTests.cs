using RunwayRelay.Hosting;

namespace RunwayRelay.Tests.Hosting;

public sealed class InvalidSettingsTests
{
    [Fact]
    public void Describe_SeveralSectionsFailValidation_GivesOneLinePerFailure()
    {
        var e = new AggregateException(
            new OptionsValidationException("Runway", typeof(object), ["Runway__PollInterval must be positive.", "Runway__Timeout must be positive."]),
            new OptionsValidationException("Output", typeof(object), ["Output__Container must be a container name."]));

        Assert.Equal(
            ["Invalid setting: Runway__PollInterval must be positive.", "Invalid setting: Runway__Timeout must be positive.", "Invalid setting: Output__Container must be a container name."],
            InvalidSettings.Describe(e));
    }

    [Fact]
    public void Describe_BinderCannotConvertValue_NamesTheSettingWithoutTheValue()
    {
        // The binder's real exception, not a hand-written copy of its message.
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:Delay"] = "s3cr3t-not-a-duration" }).Build());
        services.AddOptions<SampleOptions>().BindConfiguration("Sample");
        using var provider = services.BuildServiceProvider();
        var e = Assert.ThrowsAny<InvalidOperationException>(() => provider.GetRequiredService<IOptions<SampleOptions>>().Value);

        var line = Assert.Single(InvalidSettings.Describe(e)!);

        Assert.Equal("Invalid setting: Sample__Delay must be a duration such as 00:00:05.", line);
    }

    [Fact]
    public void Describe_AnyOtherFailureAmongThem_IsNotASettingsProblem()
    {
        var e = new AggregateException(
            new OptionsValidationException("Runway", typeof(object), ["Runway__PollInterval must be positive."]),
            new InvalidOperationException("storage unreachable"));

        Assert.Null(InvalidSettings.Describe(e));
    }

    private sealed class SampleOptions
    {
        public TimeSpan Delay { get; set; }
    }
}
