using RunwayRelay.Uploads;

namespace RunwayRelay.Tests.Storage;

public sealed class OutputNamesTests
{
    [Theory]
    [InlineData("folder/cat.png", ".mp4", "folder/cat.mp4")]
    [InlineData("cat", ".mp4", "cat.mp4")]
    [InlineData("folder.v2/cat", ".mp4", "folder.v2/cat.mp4")]
    [InlineData("folder/.hidden", ".mp4", "folder/.hidden.mp4")]
    [InlineData("a/b/cat.tar.gz", ".error.json", "a/b/cat.tar.error.json")]
    public void WithExtension_Name_ReplacesOnlyTheLastSegmentsExtension(string name, string extension, string expected) =>
        Assert.Equal(expected, OutputNames.WithExtension(name, extension));

    [Theory]
    [InlineData("folder/cat.mp4", "g-0123456789abcdef", "folder/cat-89abcdef.mp4")]
    [InlineData("folder.v2/cat", "g-1", "folder.v2/cat-g-1")]
    public void WithIdSuffix_Name_InsertsTheIdsTailBeforeTheExtension(string name, string generationId, string expected) =>
        Assert.Equal(expected, OutputNames.WithIdSuffix(name, generationId));

    [Theory]
    [InlineData("uploads/cat.png", null, "uploads/cat.mp4", "uploads/cat.error.json")]
    [InlineData("uploads/cat.png", "uploads/cat-89abcdef.mp4", "uploads/cat.mp4", "uploads/cat-89abcdef.error.json")]
    [InlineData("noext", null, "noext.mp4", "noext.error.json")]
    public void UploadNames_Upload_VideoAndErrorReportShareTheStem(string upload, string? outputName, string video, string report)
    {
        Assert.Equal(video, BlobGenerationStarter.OutputNameFor(upload));
        Assert.Equal(report, UploadErrorReport.NameFor(upload, outputName));
    }
}
