using System.Globalization;
using Microsoft.Net.Http.Headers;
using RunwayRelay.Emulator.Media;
using RunwayRelay.Emulator.Tasks;

namespace RunwayRelay.Emulator.Http;

/// <summary>Serves task outputs behind signed, expiring URLs; supports HEAD and single byte ranges.</summary>
internal static class OutputEndpoints
{
    public const string Prefix = "/_emulator/outputs";

    public static void Map(IEndpointRouteBuilder root, EmulatorRoutes routes)
    {
        routes.Configure(root.MapMethods($"{Prefix}/{{id}}/{{file}}", ["GET", "HEAD"], ServeAsync), RouteKind.Download, authenticated: false);
    }

    private static async Task<IResult> ServeAsync(string id, string file, HttpContext http, TaskStore store, OutputUrlSigner signer, TimeProvider time)
    {
        var query = http.Request.Query;
        if (!long.TryParse(query["expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || !signer.IsValid(id, file, expires, query["signature"]))
        {
            return RunwayResults.Error(StatusCodes.Status403Forbidden, "The signature of this URL is missing or invalid.");
        }
        if (time.GetUtcNow().ToUnixTimeSeconds() >= expires)
        {
            return RunwayResults.Error(StatusCodes.Status410Gone, "This URL has expired. Read the task again for fresh output URLs.");
        }

        var task = store.Get(id);
        if (task is null || task.Phase != TaskPhase.Succeeded || file != (task.ProducesImage ? "0.png" : "0.mp4"))
        {
            return RunwayResults.Error(StatusCodes.Status404NotFound, "Output not found.");
        }
        if (task.ProducesImage)
        {
            var png = PngBuilder.Build(id.GetHashCode(StringComparison.Ordinal) & 0x7FFFFFFF);
            return http.Request.Method == "HEAD"
                ? Headers(http, "image/png", png.Length)
                : Results.Bytes(png, "image/png");
        }

        var video = new VideoOutput(id, task.OutputSize);
        var (offset, count, partial) = (0L, video.Length, false);
        if (RangeHeaderValue.TryParse(http.Request.Headers.Range.ToString(), out var range) && range.Ranges.Count == 1 && range.Unit == "bytes")
        {
            var r = range.Ranges.First();
            (offset, var last) = r.From is { } from ? (from, Math.Min(r.To ?? video.Length - 1, video.Length - 1)) : (video.Length - r.To!.Value, video.Length - 1);
            if (offset < 0 || offset >= video.Length || last < offset)
            {
                http.Response.Headers.ContentRange = $"bytes */{video.Length}";
                return Results.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
            }
            count = last - offset + 1;
            partial = true;
            http.Response.Headers.ContentRange = $"bytes {offset}-{last}/{video.Length}";
        }

        http.Response.StatusCode = partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        http.Response.ContentType = "video/mp4";
        http.Response.ContentLength = count;
        http.Response.Headers.AcceptRanges = "bytes";
        http.Response.Headers.ETag = $"\"{id}-{video.Length}\"";
        if (http.Request.Method == "HEAD")
        {
            return Results.Empty;
        }

        if (http.ShouldTruncate())
        {
            // Send about half, then cut the connection: the client sees fewer bytes than Content-Length.
            await video.WriteAsync(http.Response.Body, offset, Math.Max(1, count / 2), http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            http.AbortConnection();
            return Results.Empty;
        }
        await video.WriteAsync(http.Response.Body, offset, count, http.RequestAborted);
        return Results.Empty;
    }

    private static IResult Headers(HttpContext http, string contentType, long length)
    {
        http.Response.ContentType = contentType;
        http.Response.ContentLength = length;
        return Results.Empty;
    }
}
