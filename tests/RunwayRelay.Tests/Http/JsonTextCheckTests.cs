using System.Text;

namespace RunwayRelay.Tests.Http;

/// <summary>Text that is not Unicode is named by its path instead of failing the request with a 500.</summary>
public sealed class JsonTextCheckTests
{
    [Theory]
    [InlineData("""{"model":"gen4_turbo","ratio":"1280:720","promptImage":[{"uri":"https://a.example.com/x\ud800.png","position":"first"}]}""", "promptImage.0.uri")]
    [InlineData("""{"model":"gen4.5","promptText":"\udc00","ratio":"1280:720","duration":5}""", "promptText")]
    [InlineData("""{"model":"gen4.5","contentModeration":{"\ud800":"auto"}}""", "contentModeration")]
    [InlineData("""{"model":"gen4.5","references":[{"\udfff":1}]}""", "references.0")]
    [InlineData("""{"\ud83d":"x","model":"gen4.5"}""", "$")]
    public void Judge_LoneSurrogate_NamesItsPathAndNothingElse(string json, string path)
    {
        var errors = new ValidationErrors();

        var accepted = HttpTestKit.Api().Judge(Encoding.UTF8.GetBytes(json), errors);

        Assert.Null(accepted);
        Assert.Equal([path], errors.Fields.ToArray());
        Assert.Contains("not valid Unicode", errors.ToDictionary()[path][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ValidSurrogatePair_IsText()
    {
        var errors = new ValidationErrors();

        var accepted = HttpTestKit.Api().Judge(Encoding.UTF8.GetBytes("""{"model":"gen4.5","promptText":"a \ud83d\ude00 lighthouse","ratio":"1280:720","duration":5}"""), errors);

        Assert.Empty(errors.Fields);
        Assert.Equal("a \U0001F600 lighthouse", accepted!.Request.PromptText);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xFF })]
    public void Judge_InvalidUtf8InAValue_NamesTheField(byte[] bad)
    {
        byte[] body = [.. "{\"model\":\"gen4.5\",\"promptText\":\"a"u8, .. bad, .. "\",\"ratio\":\"1280:720\",\"duration\":5}"u8];
        var errors = new ValidationErrors();

        Assert.Null(HttpTestKit.Api().Judge(body, errors));
        Assert.Equal(["promptText"], errors.Fields.ToArray());
    }

    [Fact]
    public void Judge_InvalidUtf8OutsideStrings_NamesTheBodyWithTheOffset()
    {
        byte[] body = [.. "{\"model\":\"gen4.5\","u8, 0xC0, 0xAF, .. "}"u8];
        var errors = new ValidationErrors();

        Assert.Null(HttpTestKit.Api().Judge(body, errors));
        Assert.Contains("not valid UTF-8 at byte 18", Assert.Single(errors.ToDictionary()["$"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ByteOrderMark_NamesTheBody()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. """{"model":"gen4.5","promptText":"x","ratio":"1280:720","duration":5}"""u8];
        var errors = new ValidationErrors();

        Assert.Null(HttpTestKit.Api().Judge(body, errors));
        Assert.Contains("byte order mark", Assert.Single(errors.ToDictionary()["$"]), StringComparison.Ordinal);
    }
}
