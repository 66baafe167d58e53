namespace RunwayRelay.Http.OpenApi.PowerPlatform;

/// <summary>The two files of a Power Platform custom connector, as <c>paconn create</c> and the maker portal import them.</summary>
/// <param name="ApiDefinition"><c>apiDefinition.swagger.json</c>: Swagger 2.0 with the connector extensions.</param>
/// <param name="ApiProperties"><c>apiProperties.json</c>: the connection parameters (function key, host) and the host policy.</param>
public sealed record PowerPlatformConnectorFiles(string ApiDefinition, string ApiProperties);
