namespace RunwayRelay.Runway;

/// <summary>
/// Typed client for the Runway developer API. Methods are virtual so callers can mock it.
/// SKELETON: the client issue replaces these bodies; the signatures are the contract the pipeline codes against.
/// </summary>
public class RunwayClient
{
    /// <summary>For mocking.</summary>
    protected RunwayClient()
    {
    }

    /// <summary>Validates the request (throws <see cref="RunwayException"/> of kind InvalidRequest naming every problem), then submits it once.</summary>
    public virtual Task<RunwayTaskCreated> CreateTaskAsync(RunwayGenerationRequest request, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public virtual Task<RunwayTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Cancels a running task or deletes a finished one; a task that is already gone (404) counts as done.</summary>
    public virtual Task CancelTaskAsync(string taskId, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    public virtual Task<RunwayOrganization> GetOrganizationAsync(CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
