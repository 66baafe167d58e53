namespace RunwayRelay.Runway;

/// <summary>
/// The Runway developer API as the activities, the budget guard, the health check and the usage API use it: the seam
/// unit tests mock. <see cref="RunwayClient"/> is the one implementation (registered by
/// <see cref="RunwayServiceCollectionExtensions.AddRunwayClient"/>). Every failure is a <see cref="RunwayException"/>
/// whose message says what to do and never contains the API key.
/// </summary>
public interface IRunwayClient
{
    /// <summary>Validates the request (throws <see cref="RunwayException"/> of kind InvalidRequest naming every problem), then submits it once.</summary>
    Task<RunwayTaskCreated> CreateTaskAsync(RunwayGenerationRequest request, CancellationToken cancellationToken = default);

    Task<RunwayTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a running task or deletes a finished one; a task that is already gone (404) counts as done.</summary>
    Task CancelTaskAsync(string taskId, CancellationToken cancellationToken = default);

    Task<RunwayOrganization> GetOrganizationAsync(CancellationToken cancellationToken = default);

    /// <summary>Credits used per UTC day and model from <paramref name="startDate"/> to before <paramref name="beforeDate"/> (at most 90 days).</summary>
    Task<RunwayCreditUsage> GetUsageAsync(DateOnly startDate, DateOnly beforeDate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uploads <paramref name="content"/> (exactly <paramref name="length"/> bytes from its current position) to Runway's
    /// ephemeral storage and returns its <c>runway://</c> URI, usable as any media input for 24 hours. The stream is
    /// read, not disposed.
    /// </summary>
    /// <param name="fileName">A plain file name with a media extension (e.g. <c>cat.png</c>), 3–255 characters.</param>
    /// <param name="contentType">The file's media type, e.g. <c>image/png</c>.</param>
    Task<RunwayUpload> UploadEphemeralAsync(string fileName, string contentType, Stream content, long length, CancellationToken cancellationToken = default);
}
