using System.Buffers.Binary;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;

namespace RunwayRelay.IntegrationTests.Emulator;

public sealed class EmulatorOutputTests : EmulatorOutputTestBase
{
    [Fact]
    public async Task Output_TamperedSignature_Returns403()
    {
        var url = await FinishedOutputUrlAsync();
        var tampered = url[..^1] + (url[^1] == '0' ? '1' : '0');

        using var response = await Http.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Output_ExtendedExpiry_Returns403()
    {
        var url = await FinishedOutputUrlAsync();
        var expires = long.Parse(System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["expires"]!, System.Globalization.CultureInfo.InvariantCulture);

        using var response = await Http.GetAsync(url.Replace($"expires={expires}", $"expires={expires + 3600}", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Output_AfterLifetime_Returns410AndFreshReadGivesWorkingUrl()
    {
        Runway.Options.OutputUrlLifetime = TimeSpan.FromMinutes(10);
        var url = await FinishedOutputUrlAsync();
        var id = Runway.Activity.Creates.Single().TaskId;

        Clock.Offset = TimeSpan.FromMinutes(11);
        using var expired = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);

        var fresh = (await GetTaskAsync(id)).GetProperty("output")[0].GetString()!;
        Assert.NotEqual(url, fresh);
        using var ok = await Http.GetAsync(fresh);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Output_Head_ReturnsHeadersWithoutBody()
    {
        Runway.Options.OutputSizeBytes = 10_000_000;
        var url = await FinishedOutputUrlAsync();

        using var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(10_000_000, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(Runway.Activity.DownloadsByTask);
    }

    [Fact]
    public async Task Output_Range_ReturnsThatSliceOfTheSameBytes()
    {
        Runway.Options.OutputSizeBytes = 1_000_000;
        var url = await FinishedOutputUrlAsync();
        var whole = await Http.GetByteArrayAsync(url);

        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(123_456, 654_320);
        using var partial = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("bytes 123456-654320/1000000", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(whole.AsSpan(123_456, 654_320 - 123_456 + 1).ToArray(), await partial.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Output_FiveGigabytes_UsesLargesizeFreeBoxAndServesRangesAnywhere()
    {
        const long size = 5L * 1024 * 1024 * 1024;
        Runway.Options.OutputSizeBytes = size;
        var url = await FinishedOutputUrlAsync();
        var mp4Length = RunwayRelay.Emulator.Media.VideoOutput.BaseLength;

        using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(size, head.Content.Headers.ContentLength);

        var boxRequest = new HttpRequestMessage(HttpMethod.Get, url);
        boxRequest.Headers.Range = new RangeHeaderValue(mp4Length, mp4Length + 15);
        using var box = await Http.SendAsync(boxRequest);
        var header = await box.Content.ReadAsByteArrayAsync();
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(header));           // size 1: a 64-bit size follows
        Assert.Equal("free", Encoding.ASCII.GetString(header, 4, 4));
        Assert.Equal((ulong)(size - mp4Length), BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8)));

        var tailRequest = new HttpRequestMessage(HttpMethod.Get, url);
        tailRequest.Headers.Range = new RangeHeaderValue(null, 1000);
        using var tail = await Http.SendAsync(tailRequest);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal($"bytes {size - 1000}-{size - 1}/{size}", tail.Content.Headers.ContentRange?.ToString());
        Assert.Equal(1000, (await tail.Content.ReadAsByteArrayAsync()).Length);

        var beyond = new HttpRequestMessage(HttpMethod.Get, url);
        beyond.Headers.Range = new RangeHeaderValue(size, null);
        using var unsatisfiable = await Http.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
    }

    [Fact]
    public async Task MapRunwayEmulator_UnderPrefixInHostApp_ServesApiAndOutputs()
    {
        await using var emulator = await HostedEmulator.StartAsync("/runway", alsoMap: app => app.MapGet("/", () => "host app"));

        using var created = await emulator.SendAsync(HttpMethod.Post, "/runway/v1/text_to_video",
            System.Net.Http.Json.JsonContent.Create(new { model = "gen4.5", promptText = "x", ratio = "1280:720", duration = 2 }));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var create = Assert.Single(emulator.Control.Activity.Creates);

        await Task.Delay(150);
        using var task = await emulator.SendAsync(HttpMethod.Get, $"/runway/v1/tasks/{create.TaskId}");
        var url = (await JsonAsync(task)).GetProperty("output")[0].GetString()!;
        Assert.StartsWith(emulator.Url.AbsoluteUri + "runway/_emulator/outputs/", url);
        using var download = await emulator.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("host app", await emulator.Http.GetStringAsync("/"));
    }

}
