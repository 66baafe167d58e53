using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunwayRelay.Generations;
using RunwayRelay.Http;
using RunwayRelay.Orchestration;
using RunwayRelay.Runway;
using RunwayRelay.Scheduling;
using RunwayRelay.Storage;

namespace RunwayRelay.Uploads;

/// <summary>
/// Starts an image_to_video generation for an image uploaded to <c>Input__Container</c>. Prompt and settings come from
/// the blob's metadata (<c>prompt</c>, <c>model</c>, <c>ratio</c>, <c>duration</c>, <c>seed</c>); the image goes to
/// Runway as a data URI, because Runway cannot fetch a private blob. The generation id is derived from the container,
/// name and ETag, so a re-delivered event never starts a second (paid) generation, while a new upload under the same
/// name does start one. The video lands in <c>Output__Container</c> as <c>&lt;name without extension&gt;.mp4</c> (or, when an
/// earlier upload's video already has that name, <c>&lt;name without extension&gt;-&lt;last 8 characters of the generation id&gt;.mp4</c>);
/// a refused upload leaves <c>&lt;name without extension&gt;.error.json</c> there instead, saying why.
/// </summary>
public sealed class BlobGenerationStarter : IBlobGenerationStarter
{
    public const string DefaultModel = "gen4_turbo";
    public const string DefaultRatio = "1280:720";
    public const int DefaultDuration = 5;

    /// <summary>Metadata names read from the uploaded blob (case-insensitive, as Azure treats them).</summary>
    public static class MetadataNames
    {
        public const string Prompt = "prompt";
        public const string Model = "model";
        public const string Ratio = "ratio";
        public const string Duration = "duration";
        public const string Seed = "seed";
    }

    private readonly GenerationScheduler _scheduler;
    private readonly BlobServiceClient _storage;
    private readonly IOptionsMonitor<OutputOptions> _output;
    private readonly IOptionsMonitor<RunwayOptions> _runway;
    private readonly ILogger<BlobGenerationStarter> _logger;

    public BlobGenerationStarter(GenerationScheduler scheduler, [FromKeyedServices(VideoStorageClientFactory.ConnectionName)] BlobServiceClient storage,
        IOptionsMonitor<OutputOptions> output, IOptionsMonitor<RunwayOptions> runway, ILogger<BlobGenerationStarter> logger)
    {
        _scheduler = scheduler;
        _storage = storage;
        _output = output;
        _runway = runway;
        _logger = logger;
    }

    /// <summary>Starts (at most once per blob version) the generation for <paramref name="blob"/>.</summary>
    public async Task<BlobGenerationResult> StartAsync(BlobClient blob, DurableTaskClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(client);

        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            _logger.UploadGone(blob.BlobContainerName, blob.Name);
            return new BlobGenerationResult(null, BlobGenerationOutcome.Gone);
        }

        string id = GenerationIds.FromBlob(blob.BlobContainerName, blob.Name, properties.ETag.ToString());
        if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            _logger.UploadEventIgnored(blob.BlobContainerName, blob.Name, id);
            return new BlobGenerationResult(id, BlobGenerationOutcome.AlreadyStarted);
        }

        string outputName = OutputNameFor(blob.Name);
        var errors = new ValidationErrors();
        var asked = ReadMetadata(properties.Metadata, errors);

        string? mediaType = ImageMediaType(blob.Name, properties.ContentType);
        if (mediaType is null)
        {
            errors.Add(GenerationFields.PromptImage,
                $"the upload must be a JPEG, PNG or WebP image (by Content-Type or extension); got '{properties.ContentType}' for '{blob.Name}'");
        }
        else if (properties.ContentLength > PromptImageLoader.MaxImageBytes)
        {
            errors.Add(GenerationFields.PromptImage,
                $"the image is {properties.ContentLength} bytes; Runway takes images of at most {PromptImageLoader.MaxImageBytes} bytes (16 MiB). Upload a smaller image.");
        }
        else if (properties.ContentLength == 0)
        {
            errors.Add(GenerationFields.PromptImage, "the upload is empty");
        }
        else if (await ReadHeadAsync(blob, properties.ETag, cancellationToken).ConfigureAwait(false) is not { } head)
        {
            _logger.UploadChangedWhileRead(blob.BlobContainerName, blob.Name);
            return new BlobGenerationResult(null, BlobGenerationOutcome.Gone);
        }
        else if (!UploadImageTypes.Matches(mediaType, head.Span))
        {
            errors.Add(GenerationFields.PromptImage, $"the upload's content is not a {mediaType} image (by its first bytes); upload a JPEG, PNG or WebP image");
        }
        else
        {
            // Judged with a stand-in: the submit activity reads the image itself (a data URI, or an ephemeral upload
            // when larger), so it never passes through here or through durable state.
            asked = asked with { PromptImage = [new PromptImage(ValidationStandIn(mediaType))] };
        }

        AcceptedGenerationRequest? accepted = errors.Count == 0
            ? GenerationRequestMapper.Map(asked, outputName,
                new GenerationRequestPolicy(CallbacksEnabled: false, AllowLoopbackCallbacks: false) { AllowUnknownModels = _runway.CurrentValue.AllowUnknownModels }, errors)
            : null;
        if (accepted?.Request is not ImageToVideoRequest request)
        {
            await ReportRefusalAsync(blob, outputName, errors, cancellationToken).ConfigureAwait(false);
            return new BlobGenerationResult(id, BlobGenerationOutcome.Refused, outputName, errors.ToDictionary());
        }

        var image = new UploadedImage(blob.BlobContainerName, blob.Name, properties.ETag.ToString(), mediaType!, properties.ContentLength);
        var draft = new GenerationDraft(id, request with { PromptImage = [] }, outputName, Image: image);
        switch (await _scheduler.ScheduleAsync(client, draft, OutputNamePolicy.SuffixWhenTaken, cancellationToken).ConfigureAwait(false))
        {
            case Scheduled scheduled:
                _logger.UploadStarted(blob.BlobContainerName, blob.Name, id, request.Model, scheduled.Input.OutputBlobName);
                return new BlobGenerationResult(id, BlobGenerationOutcome.Started, scheduled.Input.OutputBlobName);
            case OutputNameTaken taken:
                errors.Add(GenerationFields.OutputBlobName, $"'{taken.OutputBlobName}' and a name of this upload's own are both taken");
                await ReportRefusalAsync(blob, outputName, errors, cancellationToken).ConfigureAwait(false);
                return new BlobGenerationResult(id, BlobGenerationOutcome.Refused, outputName, errors.ToDictionary());
            default:
                _logger.UploadAlreadyStarted(blob.BlobContainerName, blob.Name, id);
                return new BlobGenerationResult(id, BlobGenerationOutcome.AlreadyStarted, outputName);
        }
    }

    /// <summary><c>folder/cat.png</c> → <c>folder/cat.mp4</c>.</summary>
    public static string OutputNameFor(string blobName) => OutputNames.WithExtension(blobName, ".mp4");

    /// <summary>The metadata as a request (without its image yet), with the documented defaults for what is missing.</summary>
    internal static ImageToVideoRequest ReadMetadata(IDictionary<string, string>? metadata, ValidationErrors errors)
    {
        var values = new Dictionary<string, string>(metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        string? Get(string name) => values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? Decode(v.Trim()) : null;

        int duration = DefaultDuration;
        if (Get(MetadataNames.Duration) is { } d && !int.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out duration))
        {
            errors.Add(GenerationFields.Duration, $"metadata '{MetadataNames.Duration}' must be a whole number of seconds (got '{d}')");
        }
        long? seed = null;
        if (Get(MetadataNames.Seed) is { } s)
        {
            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed)) seed = parsed;
            else errors.Add(GenerationFields.Seed, $"metadata '{MetadataNames.Seed}' must be a whole number (got '{s}')");
        }

        return new ImageToVideoRequest
        {
            Model = Get(MetadataNames.Model) ?? DefaultModel,
            PromptText = Get(MetadataNames.Prompt),
            Ratio = Get(MetadataNames.Ratio) ?? DefaultRatio,
            Duration = duration,
            Seed = seed,
        };
    }

    /// <summary>
    /// Metadata values travel as HTTP headers, so they are ASCII; a prompt in another script can be percent-encoded
    /// (<c>%C3%A9</c> for é). Text that is not a valid escape sequence is kept as written.
    /// </summary>
    internal static string Decode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    internal static string? ImageMediaType(string blobName, string? contentType)
    {
        string? declared = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (UploadImageTypes.FromMediaType(declared) is { } image)
        {
            return image;
        }
        // Uploads often arrive as application/octet-stream; the extension is then the best evidence.
        return declared is null or "" or "application/octet-stream" or "binary/octet-stream" ? UploadImageTypes.FromFileName(blobName) : null;
    }

    /// <summary>
    /// The first bytes of this very version (If-Match), or null when it changed or vanished. Any other storage
    /// failure (an archived blob answers 409) is thrown: the upload cannot be read now, and may be later.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadHeadAsync(BlobClient blob, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(new BlobDownloadOptions
            {
                Range = new HttpRange(0, UploadImageTypes.Length),
                Conditions = new BlobRequestConditions { IfMatch = etag },
            }, cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>A smallest well-formed data URI of the upload's type, so the image field is judged like any other.</summary>
    private static string ValidationStandIn(string mediaType) => UploadImageTypes.DataUriPrefix(mediaType) + "AAAA";

    private async Task ReportRefusalAsync(BlobClient blob, string outputName, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var problems = errors.ToDictionary();
        _logger.UploadRefused(blob.BlobContainerName, blob.Name, string.Join("; ", problems.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}")));
        string errorName = UploadErrorReport.NameFor(blob.Name, outputName);
        try
        {
            var container = _storage.GetBlobContainerClient(_output.CurrentValue.Container);
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            // Created only where nothing of that name exists: whatever is there (an earlier report, a user's file) is kept.
            if (!await UploadErrorReport.TryWriteAsync(container, blob, errorName, problems, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                _logger.ErrorBlobKept(blob.BlobContainerName, blob.Name, errorName);
            }
        }
        catch (RequestFailedException e)
        {
            // The log line above already says why; the report blob is a convenience.
            _logger.ErrorBlobFailed(blob.BlobContainerName, blob.Name, errorName, e.Status);
        }
    }
}
