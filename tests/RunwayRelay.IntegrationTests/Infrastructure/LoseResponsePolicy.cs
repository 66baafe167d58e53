using Azure.Core;
using Azure.Core.Pipeline;

namespace RunwayRelay.IntegrationTests.Infrastructure;

/// <summary>
/// Lets a matching request reach the storage service and get its answer, then throws as a dropped connection would, so
/// the SDK's retry policy sends the request again (add it <see cref="HttpPipelinePosition.PerRetry"/>).
/// </summary>
internal sealed class LoseResponsePolicy(Func<HttpMessage, bool> matches, int times = 1) : HttpPipelinePolicy
{
    private int _remaining = times;
    private int _lost;

    /// <summary>How many answers were thrown away after the service had acted on the request.</summary>
    public int Lost => Volatile.Read(ref _lost);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        LoseIfMatching(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        LoseIfMatching(message);
    }

    private void LoseIfMatching(HttpMessage message)
    {
        if (matches(message) && Interlocked.Decrement(ref _remaining) >= 0)
        {
            Interlocked.Increment(ref _lost);
            throw new IOException("simulated: the connection dropped before the response arrived");
        }
    }
}
