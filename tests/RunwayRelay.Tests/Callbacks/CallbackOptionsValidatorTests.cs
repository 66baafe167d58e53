namespace RunwayRelay.Tests.Callbacks;

public sealed class CallbackOptionsValidatorTests
{
    private const string Good = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public void Validate_Defaults_Pass()
    {
        Assert.True(new CallbackOptionsValidator().Validate(null, new CallbackOptions()).Succeeded);
        Assert.True(new CallbackOptionsValidator().Validate(null, new CallbackOptions { SigningSecret = Good, PreviousSigningSecret = Good }).Succeeded);
    }

    [Theory]
    [InlineData("plain-old-secret", "Callbacks__SigningSecret must be a Standard Webhooks secret")]
    [InlineData("whsec_not base64!", "Callbacks__SigningSecret is not 'whsec_' followed by valid base64")]
    [InlineData("whsec_c2hvcnQ=", "Callbacks__SigningSecret holds 5 bytes after 'whsec_'")]
    public void Validate_BadSigningSecret_OneLineNamingTheSettingNotTheValue(string secret, string expected)
    {
        var result = new CallbackOptionsValidator().Validate(null, new CallbackOptions { SigningSecret = secret });

        string failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
        Assert.Contains("whsec_$(openssl rand -base64 32)", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void Validate_PreviousWithoutCurrent_Fails()
    {
        var result = new CallbackOptionsValidator().Validate(null, new CallbackOptions { PreviousSigningSecret = Good });

        Assert.StartsWith("Callbacks__PreviousSigningSecret is set without Callbacks__SigningSecret", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7.00:00:00", "00:00:30", "01:00:00", "Callbacks__RetryWindow")]
    [InlineData("1.00:00:00", "00:00:00", "01:00:00", "Callbacks__InitialRetryDelay")]
    [InlineData("1.00:00:00", "00:01:00", "00:00:30", "Callbacks__MaxRetryDelay")]
    public void Validate_BadSchedule_NamesTheSetting(string window, string initial, string max, string setting)
    {
        var result = new CallbackOptionsValidator().Validate(null, new CallbackOptions
        {
            RetryWindow = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture),
            InitialRetryDelay = TimeSpan.Parse(initial, System.Globalization.CultureInfo.InvariantCulture),
            MaxRetryDelay = TimeSpan.Parse(max, System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.StartsWith(setting, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
