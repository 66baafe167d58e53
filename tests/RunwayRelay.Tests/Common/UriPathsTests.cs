namespace RunwayRelay.Tests.Common;

/// <summary>
/// A base address without its trailing slash loses its last segment when relative paths are resolved against it
/// (the embedded emulator at /runway would be called at the root): the normalisation is what keeps those calls right.
/// </summary>
public sealed class UriPathsTests
{
    [Fact]
    public void WithTrailingSlash_AsBaseAddress_KeepsTheLastSegment() =>
        Assert.Equal("http://h/runway/v1/tasks", new Uri(UriPaths.WithTrailingSlash(new Uri("http://h/runway")), "v1/tasks").AbsoluteUri);

    [Theory]
    [InlineData("https://api.dev.runwayml.com", "https://api.dev.runwayml.com/")]
    [InlineData("http://127.0.0.1:7071/runway", "http://127.0.0.1:7071/runway/")]
    [InlineData("http://127.0.0.1:7071/runway/", "http://127.0.0.1:7071/runway/")]
    public void WithTrailingSlash_AnyBase_EndsWithOneSlash(string uri, string expected) =>
        Assert.Equal(expected, UriPaths.WithTrailingSlash(new Uri(uri)).AbsoluteUri);

    [Theory]
    [InlineData("/api/generations/", "/api/generations")]
    [InlineData("/api/generations//", "/api/generations")]
    [InlineData("/api/generations", "/api/generations")]
    [InlineData("/", "")]
    [InlineData("", "")]
    public void WithoutTrailingSlash_AnyPath_EndsWithoutSlash(string path, string expected) =>
        Assert.Equal(expected, UriPaths.WithoutTrailingSlash(path));
}
