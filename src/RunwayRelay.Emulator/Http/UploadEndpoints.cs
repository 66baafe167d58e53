using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RunwayRelay.Emulator.Admin;
using RunwayRelay.Emulator.Tasks;
using RunwayRelay.Emulator.Uploads;
using RunwayRelay.Emulator.Validation;

namespace RunwayRelay.Emulator.Http;

/// <summary>
/// Ephemeral uploads: <c>POST /v1/uploads</c> hands out a slot (presigned POST URL, form fields, <c>runway://</c> URI);
/// the file goes as multipart/form-data to <c>/_emulator/uploads/{id}</c>, which behaves like S3's presigned POST
/// (no API key; fields checked against the signed policy; XML errors; 204 on success).
/// </summary>
internal static class UploadEndpoints
{
    public const string Prefix = "/_emulator/uploads";

    /// <summary>Room for the form fields around the file part.</summary>
    private const long FormOverheadBytes = 1024 * 1024;

    private const int MaxFieldLength = 64 * 1024;

    public static void Map(IEndpointRouteBuilder root, EmulatorRoutes routes)
    {
        routes.Configure(root.MapPost("/v1/uploads", (HttpContext http, UploadStore uploads, TaskStore tasks) =>
            CreateSlotAsync(http, uploads, tasks, routes)), RouteKind.Upload, authenticated: true);
        routes.Configure(root.MapPost($"{Prefix}/{{id}}", (string id, HttpContext http, UploadStore uploads, RequestJournal journal, TimeProvider time) =>
            ReceiveAsync(id, http, uploads, journal, time)), RouteKind.Storage, authenticated: false);
    }

    private static async Task<IResult> CreateSlotAsync(HttpContext http, UploadStore uploads, TaskStore tasks, EmulatorRoutes routes)
    {
        using var document = await JsonRequestBody.ReadAsync(http);
        if (document is null)
        {
            return JsonRequestBody.NotJson();
        }
        var issues = UploadRequestValidator.Validate(document.RootElement);
        if (issues.Count > 0)
        {
            return RunwayResults.Invalid(issues);
        }
        // Runway: "You must have purchased credits to use this feature"; the emulator reads that as a positive balance.
        if (tasks.CreditBalance <= 0)
        {
            return RunwayResults.Error(StatusCodes.Status400BadRequest, "You must have purchased credits to use ephemeral uploads.");
        }
        var slot = uploads.CreateSlot(document.RootElement.GetProperty("filename").GetString()!);
        return RunwayResults.Ok(new
        {
            uploadUrl = $"{routes.PublicRoot(http)}{Prefix}/{slot.Id}",
            fields = UploadPolicy.Fields(slot, uploads.PolicyKey),
            runwayUri = slot.RunwayUri,
        });
    }

    private static async Task<IResult> ReceiveAsync(string id, HttpContext http, UploadStore uploads, RequestJournal journal, TimeProvider time)
    {
        var slot = uploads.Find(id);
        if (slot is null)
        {
            return S3Error(StatusCodes.Status403Forbidden, "AccessDenied", "Invalid according to Policy: no such upload.");
        }
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return S3Error(StatusCodes.Status412PreconditionFailed, "PreconditionFailed", "Bucket POST must be of the enclosure-type multipart/form-data");
        }
        // S3 takes no chunked POST bodies: a client must know and send the length.
        if (http.Request.ContentLength is null)
        {
            return S3Error(StatusCodes.Status411LengthRequired, "MissingContentLength", "You must provide the Content-Length HTTP header.");
        }
        // Kestrel's default 30 MB body limit would cut large files off; the policy's range is the real limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = slot.MaxBytes + FormOverheadBytes;
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        var form = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(http.RequestAborted)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (name == "file")
            {
                return await StoreFileAsync(slot, section, form, http, uploads, journal, time);
            }
            using var text = new StreamReader(section.Body, Encoding.UTF8);
            var buffer = new char[MaxFieldLength + 1];
            var read = await text.ReadBlockAsync(buffer, http.RequestAborted);
            if (read > MaxFieldLength)
            {
                return S3Error(StatusCodes.Status400BadRequest, "MaxPostPreDataLengthExceeded", "Your POST request fields preceding the upload file were too large.");
            }
            form[name.ToLowerInvariant()] = new string(buffer, 0, read);
        }
        return S3Error(StatusCodes.Status400BadRequest, "InvalidArgument", "POST requires exactly one file upload per request (the 'file' field, after every other field).");
    }

    private static async Task<IResult> StoreFileAsync(UploadSlot slot, MultipartSection section, Dictionary<string, string> form,
        HttpContext http, UploadStore uploads, RequestJournal journal, TimeProvider time)
    {
        var denied = UploadPolicy.Verify(form, slot, uploads.PolicyKey, time.GetUtcNow());
        if (denied is not null)
        {
            return S3Error(StatusCodes.Status403Forbidden, "AccessDenied", denied);
        }
        var (min, max) = UploadPolicy.LengthRange(form[UploadPolicy.Policy]);

        var path = uploads.NewTemporaryFile();
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var tooLarge = false;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await section.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                size += read;
                if (size > max)
                {
                    tooLarge = true;
                    break;
                }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
            }
        }
        if (tooLarge || size < min)
        {
            File.Delete(path);
            return tooLarge
                ? S3Error(StatusCodes.Status400BadRequest, "EntityTooLarge", $"Your proposed upload exceeds the maximum allowed size of {max} bytes.")
                : S3Error(StatusCodes.Status400BadRequest, "EntityTooSmall", $"Your proposed upload is smaller than the minimum allowed size of {min} bytes ({size} bytes).");
        }

        uploads.Complete(slot, path, size);
        journal.RecordUpload(new EmulatorUploadRecord(slot.Id, slot.FileName, size, Convert.ToHexStringLower(hash.GetHashAndReset()),
            section.ContentType, http.Request.Headers.ContainsKey(HeaderNames.Authorization), time.GetUtcNow()));
        return Results.NoContent();
    }

    /// <summary>S3's error body.</summary>
    private static IResult S3Error(int statusCode, string code, string message) =>
        Results.Content(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message></Error>",
            "application/xml", Encoding.UTF8, statusCode);
}
