using RunwayRelay.ApiKeys;

namespace RunwayRelay.Tests.Runway;

public sealed class RunwayServiceCollectionExtensionsTests
{
    [Fact]
    public void AddRunwayClient_NoSettings_UsesRunwaysDefaultBaseUrl()
    {
        using var sp = Build(new() { ["RUNWAYML_BASE_URL"] = "" });

        Assert.Equal(new Uri(RunwayOptions.DefaultBaseUrl), sp.GetRequiredService<IOptions<RunwayOptions>>().Value.BaseUrl);
    }

    [Fact]
    public void AddRunwayClient_OnlyEnvironmentBaseUrl_FallsBackToIt()
    {
        using var sp = Build(new() { ["RUNWAYML_BASE_URL"] = "http://127.0.0.1:5555" });

        Assert.Equal(new Uri("http://127.0.0.1:5555"), sp.GetRequiredService<IOptions<RunwayOptions>>().Value.BaseUrl);
        Assert.NotNull(sp.GetRequiredService<RunwayClient>());
    }

    [Fact]
    public void AddRunwayClient_SectionBaseUrl_WinsOverEnvironment()
    {
        using var sp = Build(new() { ["Runway:BaseUrl"] = "http://127.0.0.1:6000/", ["RUNWAYML_BASE_URL"] = "http://127.0.0.1:5555" });

        Assert.Equal(new Uri("http://127.0.0.1:6000/"), sp.GetRequiredService<IOptions<RunwayOptions>>().Value.BaseUrl);
    }

    [Fact]
    public void AddRunwayClient_BindsTheSection()
    {
        using var sp = Build(new()
        {
            ["Runway:KeyVaultUri"] = "https://my-vault.vault.azure.net/", ["Runway:ApiKeySecretName"] = "rw-key",
            ["Runway:RequestTimeout"] = "00:00:07", ["Runway:MaxRetryAttempts"] = "2",
        });

        var options = sp.GetRequiredService<IOptions<RunwayOptions>>().Value;
        Assert.Equal(new Uri("https://my-vault.vault.azure.net/"), options.KeyVaultUri);
        Assert.Equal("rw-key", options.ApiKeySecretName);
        Assert.Equal(TimeSpan.FromSeconds(7), options.RequestTimeout);
        Assert.Equal(2, options.MaxRetryAttempts);
        Assert.IsType<RunwayApiKeyProvider>(sp.GetRequiredService<IRunwayApiKeyProvider>());
    }

    [Fact]
    public void AddRunwayClient_BadSettings_FailAtStartNamingEachSetting()
    {
        using var sp = Build(new()
        {
            ["Runway:KeyVaultUri"] = "http://my-vault.vault.azure.net/", ["Runway:ApiKeySecretName"] = "bad name!",
            ["Runway:RequestTimeout"] = "-00:00:01", ["RUNWAYML_BASE_URL"] = "not a url",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(ex.Failures, f => f.Contains("Runway__KeyVaultUri", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Runway__ApiKeySecretName", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Runway__RequestTimeout", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("RUNWAYML_BASE_URL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2.00:00:00", false)]
    [InlineData("2.00:00:01", true)]
    public void AddRunwayClient_TimeoutBeyondTwoDays_FailsNamingIt(string timeout, bool fails)
    {
        using var sp = Build(new() { ["Runway:Timeout"] = timeout });

        var failures = Record.Exception(() => sp.GetRequiredService<IStartupValidator>().Validate()) is OptionsValidationException e ? e.Failures : [];

        Assert.Equal(fails, failures.Any(f => f.StartsWith("Runway__Timeout must be at most 2.00:00:00", StringComparison.Ordinal)));
    }

    [Fact]
    public void AddRunwayClient_Seam_ResolvesToANewTypedClientEachTime()
    {
        using var sp = Build(new() { ["Runway:BaseUrl"] = "http://127.0.0.1:5555/runway" });

        var client = Assert.IsType<RunwayClient>(sp.GetRequiredService<IRunwayClient>());

        Assert.NotSame(client, sp.GetRequiredService<IRunwayClient>());
        Assert.Single(sp.GetServices<IRunwayClient>());
    }

    [Fact]
    public void AddRunwayClient_CalledTwice_ConfiguresTheHandlersOnce()
    {
        Assert.Equal(HandlerActions(calls: 1), HandlerActions(calls: 2));
    }

    private static int HandlerActions(int calls)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        for (int i = 0; i < calls; i++)
        {
            services.AddRunwayClient();
        }
        using var sp = services.BuildServiceProvider();
        Assert.NotNull(sp.GetRequiredService<RunwayClient>());
        return sp.GetRequiredService<IOptionsMonitor<Microsoft.Extensions.Http.HttpClientFactoryOptions>>()
            .Get(nameof(RunwayClient)).HttpMessageHandlerBuilderActions.Count;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddRunwayClient();
        return services.BuildServiceProvider();
    }
}
