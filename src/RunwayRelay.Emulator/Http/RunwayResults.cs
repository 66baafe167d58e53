using System.Text.Json;
using System.Text.Json.Serialization;
using RunwayRelay.Emulator.Validation;

namespace RunwayRelay.Emulator.Http;

/// <summary>Runway's answer shapes: JSON bodies, errors as <c>{"error": ..., "issues"?: [...]}</c>.</summary>
internal static class RunwayResults
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Runway (Express) writes quotes and '&' as they are; so do we, so messages read the same.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IResult Ok(object body) => Results.Json(body, Json, "application/json; charset=utf-8");

    public static IResult Error(int statusCode, string message, IReadOnlyList<ValidationIssue>? issues = null) =>
        Results.Json(new ErrorBody(message, issues), Json, "application/json; charset=utf-8", statusCode);

    /// <summary>Runway's 400 for a body that breaks its rules: every issue, in the message and in <c>issues</c>.</summary>
    public static IResult Invalid(IReadOnlyList<ValidationIssue> issues) =>
        Error(StatusCodes.Status400BadRequest, ValidationIssue.Summarize(issues), issues);

    private sealed record ErrorBody(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("issues")] IReadOnlyList<ValidationIssue>? Issues);
}
