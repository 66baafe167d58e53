namespace RunwayRelay.Http.OpenApi.PowerPlatform;

/// <summary>What the platform does with an operation of the connector.</summary>
internal enum ConnectorOperationKind
{
    /// <summary>Called, its answer is the output.</summary>
    Action,

    /// <summary>Answers 202 with <c>Location</c>; Power Automate and Logic Apps poll it until a final answer.</summary>
    AsyncAction,

    /// <summary>Subscribed when the flow is saved (with the platform's callback URL), unsubscribed by DELETE on the <c>Location</c> it answered.</summary>
    WebhookTrigger,
}
