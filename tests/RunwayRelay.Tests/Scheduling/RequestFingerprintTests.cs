using RunwayRelay.Scheduling;

namespace RunwayRelay.Tests.Scheduling;

public sealed class RequestFingerprintTests
{
    /// <summary>
    /// Written by the version that still had a null-ignoring attribute on every optional request property: a repeated
    /// request for a generation accepted then must still be recognised as the same request.
    /// </summary>
    [Theory]
    [InlineData("i2v", "c8c746c6f8d1e0498b39e8d9e7de60844cb72d44652a936678cd690cc8482086")]
    [InlineData("v2v", "2bff07171d8a36436306006b7f7a91bdd51a6ebcd4492326661f9e80a5f038b3")]
    public void Of_RequestsAcceptedByEarlierVersions_KeepTheirFingerprint(string which, string expected)
    {
        RunwayGenerationRequest request = which == "i2v"
            ? new ImageToVideoRequest { Model = "gen4.5", PromptImage = [new("https://example.com/a.png")], PromptText = "p", Duration = 5 }
            : new VideoToVideoRequest
            {
                Model = "aleph2", VideoUri = "https://example.com/v.mp4",
                Keyframes = [new() { Uri = "https://example.com/k.png", Seconds = 1 }],
                References = [new("https://example.com/r.png")],
            };

        string fingerprint = RequestFingerprint.Of(request, "out/a.mp4", new Uri("https://hooks.example.com/x"));

        Assert.Equal(expected, fingerprint);
    }
}
