namespace RunwayRelay.Tests.Storage;

public sealed class DownloadStallTimeoutTests
{
    [Fact]
    public void OutputOptions_NoStallTimeoutSet_IsOneMinute()
    {
        using var sp = StorageServices.Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal(TimeSpan.FromMinutes(1), sp.GetRequiredService<IOptions<OutputOptions>>().Value.DownloadStallTimeout);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:05")]
    public void OutputOptions_StallTimeoutNotPositive_FailsNamingTheSetting(string value)
    {
        using var sp = StorageServices.Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["Output:DownloadStallTimeout"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<OutputOptions>>().Value);

        Assert.Contains("Output__DownloadStallTimeout must be a positive duration such as 00:01:00.", error.Failures);
    }
}
