using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace RunwayRelay.Tests.Storage;

public sealed class StorageRegistrationTests
{
    [Fact]
    public void AddRunwayRelayOrchestration_NoSettings_UsesDefaultContainers()
    {
        using var sp = StorageServices.Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("runway-videos", sp.GetRequiredService<IOptions<OutputOptions>>().Value.Container);
        Assert.Equal("runway-inbox", sp.GetRequiredService<IOptions<InputOptions>>().Value.Container);
        Assert.False(sp.GetRequiredService<IOptions<CallbackOptions>>().Value.AllowLoopback);
    }

    [Fact]
    public void AddRunwayRelayOrchestration_BadContainerName_FailsWithSettingName()
    {
        using var sp = StorageServices.Build(new() { ["Output:Container"] = "Bad_Name", ["Input:Container"] = "x" });

        var outputError = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<OutputOptions>>().Value);
        Assert.Contains("Output__Container", outputError.Message, StringComparison.Ordinal);
        var inputError = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<InputOptions>>().Value);
        Assert.Contains("Input__Container", inputError.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Output:PayloadsContainer", "runway-videos")]
    [InlineData("Output:SubmissionsContainer", "runway-payloads")]
    public void AddRunwayRelayOrchestration_TwoOutputSettingsNameOneContainer_FailsNamingAllThree(string setting, string container)
    {
        using var sp = StorageServices.Build(new() { [setting] = container });

        var error = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<OutputOptions>>().Value);
        Assert.Contains("Output__Container, Output__SubmissionsContainer and Output__PayloadsContainer must be three different containers.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRunwayRelayOrchestration_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddRunwayRelayOrchestration();
        int count = services.Count;

        services.AddRunwayRelayOrchestration();

        Assert.Equal(count, services.Count);
    }

    [Fact]
    public void VideoStorageCreate_VideoStorageConnectionString_WinsOverAzureWebJobsStorage()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VideoStorage"] = "DefaultEndpointsProtocol=https;AccountName=videos;AccountKey=" + Convert.ToBase64String(new byte[32]) + ";EndpointSuffix=core.windows.net",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        }).Build();

        Assert.Equal("videos", VideoStorageClientFactory.Create(config).AccountName);
    }

    [Fact]
    public void VideoStorageCreate_ServiceUri_UsesIdentityClientForThatAccount()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VideoStorage:serviceUri"] = "https://mediaacct.blob.core.windows.net/",
        }).Build();

        var client = VideoStorageClientFactory.Create(config);

        Assert.Equal("mediaacct", client.AccountName);
        Assert.Equal(new Uri("https://mediaacct.blob.core.windows.net/"), client.Uri);
    }

    [Fact]
    public void VideoStorageCreate_FallsBackToAzureWebJobsStorage()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        }).Build();

        Assert.Equal("devstoreaccount1", VideoStorageClientFactory.Create(config).AccountName);
    }

    [Fact]
    public void VideoStorageCreate_NothingConfigured_ThrowsActionableMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => VideoStorageClientFactory.Create(new ConfigurationBuilder().Build()));

        Assert.Contains("VideoStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRunwayRelayOrchestration_VideoStorage_ResolvesKeyedBlobServiceClient()
    {
        using var sp = StorageServices.Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        var client = sp.GetRequiredKeyedService<BlobServiceClient>(VideoStorageClientFactory.ConnectionName);

        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.NotNull(sp.GetRequiredService<IVideoStore>());
        Assert.NotNull(sp.GetRequiredService<CompletionCallbackSender>());
        Assert.NotNull(sp.GetRequiredService<ILoggerFactory>());
    }
}
