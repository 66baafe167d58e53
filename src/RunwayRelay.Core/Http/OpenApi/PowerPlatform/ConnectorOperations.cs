using static RunwayRelay.Http.GenerationsEndpointRouteBuilderExtensions;

namespace RunwayRelay.Http.OpenApi.PowerPlatform;

/// <summary>
/// The connector's words for the operations it knows. An operation not listed here (a route added later) still lands in
/// the connector, with its document summary and <see cref="ConnectorVisibility.Advanced"/>, so regenerating never needs an edit here.
/// </summary>
internal static class ConnectorOperations
{
    public static IReadOnlyDictionary<string, ConnectorOperation> Known { get; } = new Dictionary<string, ConnectorOperation>(StringComparer.Ordinal)
    {
        [StartName] = new("Generate a video", ConnectorVisibility.Important,
            "Starts a Runway generation and waits until its video is stored: the action follows the status URL (asynchronous pattern) " +
            "and outputs the stored videos, or fails with the generation's error code. Set an Idempotency-Key so that a retried run never pays twice.",
            ConnectorOperationKind.AsyncAction, FinalAnswerOf: StatusName),
        // Both answer 202 with Location while the generation runs, and the platform follows any such answer: say so where makers see it.
        [StatusName] = new("Get a generation", ConnectorVisibility.Advanced,
            "Reads a generation's status: 200 with the stored videos, or the problem answer of a failed one. While it runs the answer is 202 " +
            "with Location, which the action follows until the end (asynchronous pattern); turn that off in the action's settings to read once."),
        // Also the trigger's unsubscribe: the platform DELETEs the Location the subscribe answered, which is this route.
        [CancelName] = new("Cancel a generation", ConnectorVisibility.Advanced,
            "Cancels a running generation and its Runway task (202); an ended one answers 200 with its final status. Turn off the " +
            "action's asynchronous pattern (settings): otherwise it follows the 202's Location to the cancelled generation's 409 and fails."),
        [SubscribeName] = new("When a generated video is ready", ConnectorVisibility.Important,
            "Starts one Runway generation when the flow is saved or turned on, and runs the flow once, when its video is stored " +
            "(or the generation fails). Removing the trigger or turning the flow off cancels a generation still running.",
            ConnectorOperationKind.WebhookTrigger, FinalAnswerOf: StatusName),
        // The Logic Apps HTTP Webhook action's own unsubscribe; the trigger does not use it.
        [UnsubscribeName] = new("Unsubscribe a callback URL", ConnectorVisibility.Internal),
    };

    public static ConnectorOperation For(string operationId, string? documentSummary) =>
        Known.TryGetValue(operationId, out var known)
            ? known
            : new ConnectorOperation(Summary(documentSummary) ?? ConnectorNames.Words(operationId), ConnectorVisibility.Advanced);

    /// <summary>The connector format takes titles of at most this many characters.</summary>
    public const int MaxSummaryLength = 80;

    /// <summary>The designer wants a short title without a trailing period: cut at a word within the limit.</summary>
    private static string? Summary(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
        {
            return null;
        }
        string title = summary.Trim().TrimEnd('.');
        if (title.Length > MaxSummaryLength)
        {
            int cut = title.LastIndexOf(' ', MaxSummaryLength);
            title = title[..(cut > 0 ? cut : MaxSummaryLength)].TrimEnd(' ', ',', ';', ':', '.');
        }
        return title;
    }
}
