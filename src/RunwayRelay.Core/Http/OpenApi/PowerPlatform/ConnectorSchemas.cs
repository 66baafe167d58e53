using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace RunwayRelay.Http.OpenApi.PowerPlatform;

/// <summary>
/// Rewrites schemas into what the connector designer can show: Swagger 2.0 has no <c>oneOf</c>, so a choice between
/// object schemas (the request families) becomes one object with every member's properties, each saying which members
/// take it, and any other choice becomes an untyped value described in words. Every property gets a title.
/// </summary>
internal static class ConnectorSchemas
{
    public const string Summary = "x-ms-summary";
    public const string Visibility = "x-ms-visibility";

    /// <summary>Simplifies every schema reachable from <paramref name="schema"/> (references are left to their component).</summary>
    public static void Simplify(IOpenApiSchema schema, HashSet<IOpenApiSchema> seen)
    {
        if (schema is not OpenApiSchema node || !seen.Add(node))
        {
            return;
        }
        var choice = node.OneOf is { Count: > 0 } ? node.OneOf : node.AnyOf;
        if (choice is { Count: > 0 })
        {
            var members = choice.Select(Resolve).ToList();
            if (members.All(m => m is { Properties.Count: > 0 }))
            {
                Merge(node, choice, members!);
            }
            else
            {
                // Untyped: the designer takes any value (an expression, a string) and the API judges it.
                node.Type = null;
                node.Description ??= "One of several shapes; see the API reference.";
            }
            node.OneOf = null;
            node.AnyOf = null;
            node.Discriminator = null;
        }
        foreach (var child in Children(node))
        {
            Simplify(child, seen);
        }
    }

    /// <summary>Gives every property a title (<c>x-ms-summary</c>) unless it has one.</summary>
    public static void Title(IOpenApiSchema schema, HashSet<IOpenApiSchema> seen)
    {
        if (schema is not OpenApiSchema node || !seen.Add(node))
        {
            return;
        }
        foreach (var (name, property) in node.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (property is OpenApiSchema inline)
            {
                inline.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
                inline.Extensions.TryAdd(Summary, Extension(ConnectorNames.Title(name)));
            }
        }
        foreach (var child in Children(node))
        {
            Title(child, seen);
        }
    }

    /// <summary>A property that is a reference cannot carry extensions in Swagger 2.0: it becomes <c>allOf</c> of the reference.</summary>
    public static OpenApiSchema Annotatable(IDictionary<string, IOpenApiSchema> properties, string name)
    {
        if (properties[name] is OpenApiSchema inline)
        {
            return inline;
        }
        var wrapped = new OpenApiSchema { AllOf = [properties[name]] };
        properties[name] = wrapped;
        return wrapped;
    }

    public static void Set(OpenApiSchema schema, string extension, JsonNode value)
    {
        schema.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        schema.Extensions[extension] = new JsonNodeExtension(value);
    }

    public static JsonNodeExtension Extension(string value) => new(JsonValue.Create(value));

    public static string Name(ConnectorVisibility visibility) => visibility.ToString().ToLowerInvariant();

    private static void Merge(OpenApiSchema node, IList<IOpenApiSchema> choice, IReadOnlyList<OpenApiSchema> members)
    {
        var labels = choice.Select((m, i) => Label(node, m, i)).ToList();
        var merged = new Dictionary<string, List<(string Label, IOpenApiSchema Schema)>>(StringComparer.Ordinal);
        for (int i = 0; i < members.Count; i++)
        {
            foreach (var (name, property) in members[i].Properties!)
            {
                if (!merged.TryGetValue(name, out var takers))
                {
                    merged[name] = takers = [];
                }
                takers.Add((labels[i], property));
            }
        }
        node.Type = JsonSchemaType.Object;
        node.Properties = merged.ToDictionary(p => p.Key, p => Combine(p.Value, members.Count), StringComparer.Ordinal);
        var required = members.Select(m => (IEnumerable<string>)(m.Required ?? new HashSet<string>())).Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal));
        node.Required = new HashSet<string>(required, StringComparer.Ordinal);
        node.AdditionalPropertiesAllowed = members.Any(m => m.AdditionalPropertiesAllowed);
        if (node.Discriminator?.PropertyName is { } picker)
        {
            node.Description = (node.Description is null ? "" : node.Description + " ") +
                $"The connector shows every family's fields at once; each says for which `{picker}` it is.";
        }
    }

    private static string Label(OpenApiSchema node, IOpenApiSchema member, int index)
    {
        string? id = (member as OpenApiSchemaReference)?.Reference.Id;
        return node.Discriminator?.Mapping?.FirstOrDefault(m => m.Value.Reference.Id == id).Key ?? id ?? $"option {index + 1}";
    }

    private static IOpenApiSchema Combine(List<(string Label, IOpenApiSchema Schema)> takers, int members)
    {
        var first = takers[0].Schema;
        string only = takers.Count == members ? "" : "Only for " + string.Join(", ", takers.Select(t => $"`{t.Label}`")) + ".";
        bool same = takers.All(t => Json(t.Schema) == Json(first));
        if (same && only.Length == 0)
        {
            return first is OpenApiSchema inline ? Copy(inline) : first;
        }
        var combined = first is OpenApiSchema schema ? Copy(schema) : new OpenApiSchema { AllOf = [first] };
        if (!same)
        {
            var schemas = takers.Select(t => t.Schema).ToList();
            string? values = null;
            if (schemas.All(s => s.Enum is { Count: > 0 }))
            {
                combined.Enum = schemas.SelectMany(s => s.Enum!).DistinctBy(v => v.ToJsonString(), StringComparer.Ordinal).ToList();
                // One list for all members hides which value goes with which: say it (but not of the discriminator itself).
                bool picker = takers.All(t => t.Schema.Enum is [var only] && only.ToJsonString().Trim('"') == t.Label);
                values = picker ? null : string.Join("; ", takers.Select(t => $"`{t.Label}`: " + string.Join(", ", t.Schema.Enum!.Select(v => v.ToJsonString().Trim('"'))))) + ".";
            }
            combined.Minimum = Widest(schemas.Select(s => s.Minimum), Math.Min);
            combined.Maximum = Widest(schemas.Select(s => s.Maximum), Math.Max);
            combined.MinLength = schemas.Any(s => s.MinLength is null) ? null : schemas.Min(s => s.MinLength);
            combined.MaxLength = schemas.Any(s => s.MaxLength is null) ? null : schemas.Max(s => s.MaxLength);
            combined.MinItems = schemas.Any(s => s.MinItems is null) ? null : schemas.Min(s => s.MinItems);
            combined.MaxItems = schemas.Any(s => s.MaxItems is null) ? null : schemas.Max(s => s.MaxItems);
            var described = takers.Where(t => !string.IsNullOrEmpty(t.Schema.Description)).ToList();
            combined.Description = described.Count == 0 ? null
                : described.Select(t => t.Schema.Description).Distinct(StringComparer.Ordinal).Count() == 1 ? described[0].Schema.Description
                : string.Join(" ", described.Select(t => $"`{t.Label}`: {t.Schema.Description}"));
            if (values is not null)
            {
                combined.Description = combined.Description is null ? "Values per " + values : combined.Description + " Values per " + values;
            }
        }
        if (only.Length > 0)
        {
            combined.Description = combined.Description is null ? only : only + " " + combined.Description;
        }
        return combined;
    }

    public static OpenApiSchema Copy(OpenApiSchema schema) => (OpenApiSchema)schema.CreateShallowCopy();

    private static string? Widest(IEnumerable<string?> values, Func<decimal, decimal, decimal> pick)
    {
        var list = values.ToList();
        return list.Any(v => v is null)
            ? null
            : list.Select(v => decimal.Parse(v!, CultureInfo.InvariantCulture)).Aggregate(pick).ToString(CultureInfo.InvariantCulture);
    }

    private static OpenApiSchema? Resolve(IOpenApiSchema schema) => schema switch
    {
        OpenApiSchemaReference reference => reference.Target as OpenApiSchema,
        OpenApiSchema inline => inline,
        _ => null,
    };

    private static IEnumerable<IOpenApiSchema> Children(OpenApiSchema node) =>
        (node.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>())
            .Concat(node.Items is null ? [] : [node.Items])
            .Concat(node.AdditionalProperties is null ? [] : [node.AdditionalProperties])
            .Concat(node.AllOf ?? []);

    private static string Json(IOpenApiSchema schema)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        schema.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }
}
