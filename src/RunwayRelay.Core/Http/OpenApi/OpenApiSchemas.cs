using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace RunwayRelay.Http.OpenApi;

/// <summary>Small builders for the hand-completed schemas, so each rule reads as one line.</summary>
internal static class OpenApiSchemas
{
    public static OpenApiSchema Text(string? description = null, int? minLength = null, int? maxLength = null) => new()
    {
        Type = JsonSchemaType.String, Description = description, MinLength = minLength, MaxLength = maxLength,
    };

    public static OpenApiSchema NullableText(string? description = null) => new()
    {
        Type = JsonSchemaType.String | JsonSchemaType.Null, Description = description,
    };

    public static OpenApiSchema OneOf(IEnumerable<string> values, string? description = null) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = values.Distinct(StringComparer.Ordinal).Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
    };

    public static OpenApiSchema Integer(string format, long? min = null, long? max = null, string? description = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = format,
        Minimum = min?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = max?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Description = description,
    };

    public static OpenApiSchema Number(double? min, double? max, string? description = null) => new()
    {
        Type = JsonSchemaType.Number,
        Format = "double",
        Minimum = min?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = max?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Description = description,
    };

    /// <summary>A closed object: the API refuses unknown members, so the schema does too.</summary>
    public static OpenApiSchema Object(string? description, IEnumerable<(string Name, IOpenApiSchema Schema)> properties, params string[] required) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal),
        Required = required.Length == 0 ? null : new HashSet<string>(required, StringComparer.Ordinal),
        AdditionalPropertiesAllowed = false,
    };

    public static OpenApiSchema ArrayOf(IOpenApiSchema items, int? minItems, int? maxItems, string? description = null) => new()
    {
        Type = JsonSchemaType.Array, Items = items, MinItems = minItems, MaxItems = maxItems, Description = description,
    };
}
