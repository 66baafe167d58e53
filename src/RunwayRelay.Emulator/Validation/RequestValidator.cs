using System.Text.Json;

namespace RunwayRelay.Emulator.Validation;

internal static class RequestValidator
{
    public static ValidationResult Validate(string endpoint, JsonElement body)
    {
        var issues = new IssueList();
        if (body.ValueKind != JsonValueKind.Object)
        {
            issues.Add("invalid_type", FieldPath.Root, $"Expected object, received {Checks.Describe(body)}");
            return new ValidationResult(null, issues.Items);
        }

        var models = ModelCatalog.ModelsOf(endpoint);
        if (!body.TryGetProperty("model", out var modelElement))
        {
            issues.Add("invalid_union_discriminator", FieldPath.Root.Then("model"),
                $"Invalid discriminator value. Expected {string.Join(" | ", models.Select(m => $"'{m}'"))}");
            return new ValidationResult(null, issues.Items);
        }
        var model = modelElement.ValueKind == JsonValueKind.String ? modelElement.GetString()! : null;
        var spec = model is null ? null : ModelCatalog.Find(endpoint, model);
        if (spec is null)
        {
            issues.Add("invalid_union_discriminator", FieldPath.Root.Then("model"),
                $"Invalid discriminator value. Expected {string.Join(" | ", models.Select(m => $"'{m}'"))}");
            return new ValidationResult(null, issues.Items);
        }

        Checks.ValidateObject(body, FieldPath.Root, [Checks.Required("model", (_, _, _) => { }), .. spec.Fields], issues);
        if (!issues.Any)
        {
            spec.CrossCheck?.Invoke(body, issues);
        }
        return new ValidationResult(spec, issues.Items);
    }
}
