namespace RunwayRelay.Http.OpenApi;

/// <summary>Endpoint metadata marking the routes of the generations API, the only ones the OpenAPI document describes.</summary>
internal sealed class GenerationsApiMetadata
{
    public static GenerationsApiMetadata Instance { get; } = new();
}
