using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;

namespace RunwayRelay.Runway;

/// <summary>Ephemeral uploads: <c>POST /v1/uploads</c>, then the file as multipart/form-data to the presigned URL.</summary>
public sealed partial class RunwayClient
{
    /// <summary>Smallest file Runway's ephemeral uploads take.</summary>
    public const long MinUploadBytes = 512;

    /// <summary>Largest file Runway's ephemeral uploads take ("200 MB"; Runway's MB are MiB, as its 5 MB data-URI limit is 5,242,880).</summary>
    public const long MaxUploadBytes = 200L * 1024 * 1024;

    /// <summary>How long Runway keeps an ephemeral upload usable.</summary>
    public static readonly TimeSpan UploadLifetime = TimeSpan.FromHours(24);

    /// <inheritdoc/>
    /// <remarks>
    /// Step 1 (<c>POST /v1/uploads</c>) carries the key and is retried like a read: it creates nothing billable.
    /// Step 2 posts the file to the presigned URL Runway returned, never with the key, within <c>Runway__UploadTimeout</c>;
    /// it is retried on 408/429/5xx/network errors when <paramref name="content"/> is seekable (a repeat stores the same
    /// object again). The stream is read, not disposed. Failures are <see cref="RunwayException"/>s whose messages never
    /// contain the upload URL's query or form fields.
    /// </remarks>
    public async Task<RunwayUpload> UploadEphemeralAsync(string fileName, string contentType, Stream content, long length,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        CheckUpload(fileName, contentType, content, length);
        var requestedAt = _time.GetUtcNow();

        var operation = new Operation("create upload", fileName, RunwayRequestKind.Upload);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new RunwayUploadRequest(fileName), Json);
        var slot = await CallAsync<RunwayUploadSlot>(() => PostJson("v1/uploads", body, safeToRepeat: true), operation, cancellationToken)
            .ConfigureAwait(false);
        var target = CheckSlot(slot, fileName);

        await PostFileAsync(slot, target, fileName, contentType, content, length, cancellationToken).ConfigureAwait(false);
        _logger.RunwayUploaded(fileName, length, target.Host);
        return new RunwayUpload(slot.RunwayUri, requestedAt + UploadLifetime);
    }

    private static void CheckUpload(string fileName, string contentType, Stream content, long length)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length is < 3 or > 255 || fileName.IndexOfAny(['/', '\\']) >= 0
            || Path.GetExtension(fileName).Length < 2)
        {
            problems.Add($"the file name '{fileName}' must be a plain name of 3 to 255 characters with a media extension, e.g. cat.png");
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            problems.Add($"the content type '{contentType}' is not a media type such as image/png");
        }
        if (length is < MinUploadBytes or > MaxUploadBytes)
        {
            problems.Add($"the file is {length.ToString("N0", CultureInfo.InvariantCulture)} bytes; Runway's uploads take {MinUploadBytes} bytes to 200 MiB ({MaxUploadBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
        }
        if (!content.CanRead)
        {
            problems.Add("the content stream cannot be read");
        }
        else if (content.CanSeek && content.Length - content.Position != length)
        {
            problems.Add($"the content stream holds {(content.Length - content.Position).ToString(CultureInfo.InvariantCulture)} bytes from its position, not the {length.ToString(CultureInfo.InvariantCulture)} given as its length");
        }
        if (problems.Count > 0)
        {
            throw new RunwayException(RunwayErrorKind.InvalidRequest,
                $"The upload of '{fileName}' was not sent to Runway: {string.Join("; ", problems)}.");
        }
    }

    /// <summary>Runway's answer must name a usable target; plain http only when the API itself is on http (the local emulator).</summary>
    private Uri CheckSlot(RunwayUploadSlot slot, string fileName)
    {
        string? problem = null;
        if (!Uri.TryCreate(slot.UploadUrl, UriKind.Absolute, out var target)
            || !(target.Scheme == Uri.UriSchemeHttps || (target.Scheme == Uri.UriSchemeHttp && _http.BaseAddress?.Scheme == Uri.UriSchemeHttp)))
        {
            problem = "its uploadUrl is not an https URL";
        }
        else if (slot.Fields is null)
        {
            problem = "it has no form fields";
        }
        else if (string.IsNullOrEmpty(slot.RunwayUri) || !slot.RunwayUri.StartsWith("runway://", StringComparison.Ordinal))
        {
            problem = "its runwayUri is not a runway:// URI";
        }
        if (problem is not null)
        {
            throw new RunwayException(RunwayErrorKind.Other,
                $"Runway's answer to the upload request for '{fileName}' cannot be used: {problem}. Nothing was uploaded; try again later.");
        }
        return target!;
    }

    private async Task PostFileAsync(RunwayUploadSlot slot, Uri target, string fileName, string contentType, Stream content, long length,
        CancellationToken cancellationToken)
    {
        // Not disposed: disposing the form would dispose the caller's stream.
        var form = Form(slot, fileName, contentType, new StreamContent(content), out var boundary);
        // Presigned POSTs take no chunked bodies, and a multipart body has no length of its own when a part's stream
        // cannot seek: the same form with an empty file part measures everything but the file.
        using (var probe = Form(slot, fileName, contentType, new ByteArrayContent([]), out _, boundary))
        {
            form.Headers.ContentLength = probe.Headers.ContentLength + length;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = form };
        request.Options.Set(RunwayRetryPolicy.ContentRepeatable, content.CanSeek);
        // The target is a storage service, not Runway's API: no Authorization, no version header.
        var http = _uploadClients?.CreateClient(RunwayServiceCollectionExtensions.UploadHttpClientName) ?? _http;

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsNoAnswer(ex, cancellationToken))
        {
            string what = IsTimeout(ex) ? "did not finish in time (Runway__UploadTimeout)"
                : RunwayRetryPolicy.IsConnectFailure(ex) ? "could not be reached" : "failed on the way";
            _logger.RunwayUploadNoAnswer(ex, fileName, target.Host);
            throw new RunwayException(RunwayErrorKind.Network,
                $"The upload of '{fileName}' to Runway's storage ({target.Host}) {what}{(content.CanSeek ? " (after retries)" : "")}. Try the upload again later.",
                innerException: ex);
        }

        using (response)
        {
            _logger.RunwayUploadAnswered(target.Host, (int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            throw await UploadExceptionAsync(response, slot, target, fileName, cancellationToken).ConfigureAwait(false);
        }
    }

    private static MultipartFormDataContent Form(RunwayUploadSlot slot, string fileName, string contentType, HttpContent file,
        out string boundary, string? useBoundary = null)
    {
        boundary = useBoundary ?? "runwayrelay-" + Guid.NewGuid().ToString("N");
        var form = new MultipartFormDataContent(boundary);
        foreach (var (name, value) in slot.Fields)
        {
            var field = new StringContent(value);
            field.Headers.ContentType = null; // plain form fields, as browsers and Runway's SDK send them
            form.Add(field, name);
        }
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName); // last: storage services ignore fields after the file
        return form;
    }

    private async Task<RunwayException> UploadExceptionAsync(HttpResponseMessage response, RunwayUploadSlot slot, Uri target, string fileName,
        CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var (code, said) = ParseStorageError(body);
        // The storage may echo policy conditions; none of the fields' values travel on.
        foreach (var value in slot.Fields.Values.Where(v => v.Length >= 8))
        {
            said = said?.Replace(value, "[field]", StringComparison.Ordinal);
        }
        int status = (int)response.StatusCode;
        string where = $"Runway's storage ({target.Host}) refused the upload of '{fileName}' with {status}{(code is null ? "" : " " + code)}";
        string detail = said is null ? "" : $": \"{said}\"";
        var (kind, advice) = status switch
        {
            400 => (RunwayErrorKind.InvalidRequest, " Check the file: Runway takes 512 bytes to 200 MiB."),
            403 => (RunwayErrorKind.Other, " The presigned upload URL expired or was refused: upload again (each upload asks Runway for a new URL)."),
            429 => (RunwayErrorKind.RateLimited, " Uploads are rate limited: try again later."),
            >= 500 => (RunwayErrorKind.ServerError, " Try again later."),
            _ => (RunwayErrorKind.Other, ""),
        };
        _logger.RunwayUploadFailed(status, kind, fileName, target.Host);
        return new RunwayException(kind, where + detail + "." + advice, response.StatusCode, said);
    }

    /// <summary>S3-style <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;</c>, else a short excerpt of the body.</summary>
    internal static (string? Code, string? Message) ParseStorageError(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }
        try
        {
            var root = XDocument.Parse(body).Root;
            if (root is not null)
            {
                return (root.Element("Code")?.Value, root.Element("Message")?.Value is { } m ? Truncate(m) : null);
            }
        }
        catch (System.Xml.XmlException)
        {
        }
        var (error, _) = ParseError(body);
        return (null, error);
    }
}
