using System.Text.Json;

namespace RunwayRelay.Emulator.Http;

/// <summary>The body of a Runway POST that must be JSON: parsed once, or Runway's own 400 when it is not JSON.</summary>
internal static class JsonRequestBody
{
    public const string NotJsonMessage = "The request body must be a JSON object.";

    /// <summary>The parsed body (the caller disposes it), or null when it is not JSON.</summary>
    public static async Task<JsonDocument?> ReadAsync(HttpContext http)
    {
        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IResult NotJson() => RunwayResults.Error(StatusCodes.Status400BadRequest, NotJsonMessage);
}
