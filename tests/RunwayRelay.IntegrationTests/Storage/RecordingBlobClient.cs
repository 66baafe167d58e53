using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace RunwayRelay.IntegrationTests.Storage;

/// <summary>A blob service client that records each request it sends as <c>METHOD /container/blob?query</c>, to count what a store costs.</summary>
internal static class RecordingBlobClient
{
    public static BlobServiceClient Create(string connection, ConcurrentQueue<string> requests)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(new RecordingPolicy(requests), HttpPipelinePosition.PerCall);
        return new BlobServiceClient(connection, options);
    }

    private sealed class RecordingPolicy(ConcurrentQueue<string> requests) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            requests.Enqueue($"{message.Request.Method} {Uri.UnescapeDataString(message.Request.Uri.Path)}{message.Request.Uri.Query}");
    }
}
