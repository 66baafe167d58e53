namespace RunwayRelay.Tests.Http;

/// <summary><c>outputBlobName</c> as Azure applies blob names: what Azure would rewrite is refused, not silently renamed.</summary>
public sealed class BlobNameRulesTests
{
    [Theory]
    [InlineData("a/./b.mp4", "'.' or '..' path segments")]
    [InlineData("./b.mp4", "'.' or '..' path segments")]
    [InlineData("a/.", "'.' or '..' path segments")]
    [InlineData("a/../b.mp4", "'.' or '..' path segments")]
    [InlineData("..", "'.' or '..' path segments")]
    [InlineData(".", "'.' or '..' path segments")]
    [InlineData("a./b.mp4", "ending in '.'")]
    [InlineData("a/b../c.mp4", "ending in '.'")]
    [InlineData("clip.mp4.", "ending in '.'")]
    [InlineData("clip.mp4...", "ending in '.'")]
    [InlineData("dir/", "end with '/'")]
    [InlineData("a//b.mp4", "empty path segments")]
    [InlineData("/a.mp4", "start with '/'")]
    public void BlobNameProblem_NameAzureWouldRewrite_IsRefused(string name, string expected)
    {
        var problem = GenerationRequestMapper.BlobNameProblem(name);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a..b.mp4")]
    [InlineData("dir/a..b.mp4")]
    [InlineData(".hidden.mp4")]
    [InlineData("dir/.config/x.mp4")]
    [InlineData("...x.mp4")]
    [InlineData("v1.2/clip.mp4")]
    public void BlobNameProblem_DotsInsideASegment_AreAccepted(string name) =>
        Assert.Null(GenerationRequestMapper.BlobNameProblem(name));

    [Theory]
    [InlineData(254, true)]
    [InlineData(255, false)]
    public void BlobNameProblem_SegmentCount_IsLimitedTo254(int segments, bool accepted)
    {
        string name = string.Join('/', Enumerable.Repeat("a", segments - 1)) + "/x.mp4";

        var problem = GenerationRequestMapper.BlobNameProblem(name);

        Assert.Equal(accepted, problem is null);
        if (!accepted)
        {
            Assert.Contains("at most 254", problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1024, true)]
    [InlineData(1025, false)]
    public void BlobNameProblem_Length_IsLimitedTo1024Characters(int length, bool accepted)
    {
        // Short segments, so the segment-length rule does not decide it.
        string name = string.Concat(Enumerable.Repeat("abcdefghi/", 200))[..(length - 4)] + ".mp4";
        name = name.Replace("/.mp4", "x.mp4", StringComparison.Ordinal);
        Assert.Equal(length, name.Length);

        var problem = GenerationRequestMapper.BlobNameProblem(name);

        Assert.Equal(accepted, problem is null);
        if (!accepted)
        {
            Assert.Contains("at most 1024", problem, StringComparison.Ordinal);
        }
    }
}
