namespace RunwayRelay.Http;

/// <summary>
/// Where Azure Functions takes a function key, which the DevHost's remote-access key, the OpenAPI security schemes,
/// the Power Platform connector and the carried-over <c>Location</c> all follow.
/// </summary>
public static class FunctionKeys
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";
}
