namespace RunwayRelay.Http.OpenApi.PowerPlatform;

/// <summary>How one operation of the HTTP API appears in the connector.</summary>
/// <param name="Summary">The action's title (sentence case, no trailing period).</param>
/// <param name="Visibility">Where the designer lists it.</param>
/// <param name="Description">Replaces the document's description when the connector needs other words (a trigger, say).</param>
/// <param name="Kind">Plain action, async action or webhook trigger.</param>
/// <param name="FinalAnswerOf">
/// The operation whose 200 answer is the output: for an async action, once the platform has followed <c>Location</c>;
/// for a webhook trigger, the body its callback receives (and the path whose DELETE unsubscribes).
/// </param>
internal sealed record ConnectorOperation(
    string Summary,
    ConnectorVisibility Visibility,
    string? Description = null,
    ConnectorOperationKind Kind = ConnectorOperationKind.Action,
    string? FinalAnswerOf = null);
