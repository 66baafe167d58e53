using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using RunwayRelay.DevHost.Access;
using RunwayRelay.Health;
using RunwayRelay.Http.OpenApi;
using RunwayRelay.Http;

namespace RunwayRelay.IntegrationTests.Http.OpenApi;

/// <summary>
/// The checked-in document itself: valid OpenAPI by Microsoft.OpenApi's rules, and describing the API as the code
/// judges requests (the catalog's models, the problem answers, the headers). Its equality with what the code generates
/// is <see cref="DevHostOpenApiTests"/>.
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public void CheckedInDocument_ReadAndValidatedByMicrosoftOpenApi_HasNoErrorsOrWarnings()
    {
        var read = CheckedInOpenApi.Read();
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.Empty(read.Diagnostic?.Warnings ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic?.SpecificationVersion);

        var validator = new OpenApiValidator(ValidationRuleSet.GetDefaultRuleSet());
        new OpenApiWalker(validator).Walk(read.Document!);

        Assert.Empty(validator.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(validator.Warnings.Select(w => $"{w.Pointer}: {w.Message}"));
    }

    [Fact]
    public void CheckedInDocument_EveryReference_ResolvesToAComponent()
    {
        // Microsoft.OpenApi 2.x reads a dangling $ref without a diagnostic, so the references are checked here.
        var json = CheckedInOpenApi.Json();
        var components = json.GetProperty("components");
        var references = new List<string>();
        Collect(json, references);

        Assert.NotEmpty(references);
        foreach (string reference in references.Distinct())
        {
            string[] parts = reference.Split('/');
            Assert.True(parts is ["#", "components", _, _], $"{reference} is not a local component reference");
            Assert.True(components.TryGetProperty(parts[2], out var kind) && kind.TryGetProperty(parts[3], out _), $"{reference} does not resolve");
        }

        static void Collect(JsonElement element, List<string> into)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        into.Add(property.Value.GetString()!);
                    }
                    Collect(property.Value, into);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, into);
                }
            }
        }
    }

    [Fact]
    public void CheckedInDocument_Operations_AreExactlyTheGenerationsRoutesAndHealth()
    {
        Assert.Equal(
            [("api/generations", "post"), ("api/generations/quote", "post"), ("api/generations/subscribe", "post"), ("api/generations/unsubscribe", "post"),
                ("api/generations/{id}", "delete"), ("api/generations/{id}", "get"), ("api/generations/{id}/callback/redeliver", "post"),
                ("api/health", "get"), ("api/usage", "get")],
            CheckedInOpenApi.Operations().Order());
        var doc = CheckedInOpenApi.Read().Document!;
        Assert.Equal(GenerationsEndpointRouteBuilderExtensions.StartName, doc.Paths["/api/generations"].Operations![HttpMethod.Post].OperationId);
        Assert.Equal(GenerationsEndpointRouteBuilderExtensions.SubscribeName, doc.Paths["/api/generations/subscribe"].Operations![HttpMethod.Post].OperationId);
        Assert.Equal(GenerationsEndpointRouteBuilderExtensions.UnsubscribeName, doc.Paths["/api/generations/unsubscribe"].Operations![HttpMethod.Post].OperationId);
        Assert.Equal(HealthEndpointRouteBuilderExtensions.Name, doc.Paths["/api/health"].Operations![HttpMethod.Get].OperationId);
        Assert.Equal(GenerationsEndpointRouteBuilderExtensions.RedeliverName, doc.Paths["/api/generations/{id}/callback/redeliver"].Operations![HttpMethod.Post].OperationId);
        Assert.Equal(GenerationsEndpointRouteBuilderExtensions.QuoteName, doc.Paths["/api/generations/quote"].Operations![HttpMethod.Post].OperationId);
        Assert.Equal(GenerationsEndpointRouteBuilderExtensions.UsageName, doc.Paths["/api/usage"].Operations![HttpMethod.Get].OperationId);
        Assert.Empty(doc.Servers ?? []);
    }

    [Fact]
    public void CheckedInDocument_RequestBody_IsOneSchemaPerEndpointDiscriminatedByEndpointWithTheCatalogsModels()
    {
        var doc = CheckedInOpenApi.Read().Document!;
        var body = doc.Paths["/api/generations"].Operations![HttpMethod.Post].RequestBody!;
        Assert.True(body.Required);
        var request = Assert.IsType<OpenApiSchemaReference>(Assert.Single(body.Content!).Value.Schema);
        Assert.Equal("application/json", Assert.Single(body.Content!).Key);

        var discriminator = request.Discriminator!;
        Assert.Equal("endpoint", discriminator.PropertyName);
        Assert.Equal(RunwayEndpoints.All.Order(), discriminator.Mapping!.Keys.Order());
        Assert.Equal(RunwayEndpoints.All.Count, request.OneOf!.Count);

        foreach (string endpoint in RunwayEndpoints.All)
        {
            var family = doc.Components!.Schemas![discriminator.Mapping[endpoint].Reference.Id!];
            Assert.Contains("endpoint", family.Required!);
            Assert.Contains("model", family.Required!);
            Assert.False(family.AdditionalPropertiesAllowed);
            Assert.Equal([endpoint], family.Properties!["endpoint"].Enum!.Select(v => v.GetValue<string>()));
            Assert.Equal(RunwayModelCatalog.ModelsOf(endpoint).Order(), family.Properties["model"].Enum!.Select(v => v.GetValue<string>()).Order());
            // The fields are those the mapper lets this endpoint take, no more, no fewer.
            Assert.Equal(
                GenerationFields.All.Where(f => GenerationRequestMapper.EndpointsOf[f].Contains(endpoint)).Order(),
                family.Properties.Keys.Order());
        }
        var imageToVideo = doc.Components!.Schemas!["ImageToVideoRequest"];
        Assert.Equal(2, imageToVideo.Properties!["duration"].Minimum is { } min ? int.Parse(min, System.Globalization.CultureInfo.InvariantCulture) : -1);
        Assert.Contains("1584:672", imageToVideo.Properties["ratio"].Enum!.Select(v => v.GetValue<string>()));
        Assert.Contains("videoUri", doc.Components.Schemas["VideoUpscaleRequest"].Required!);
    }

    [Fact]
    public void CheckedInDocument_AcceptedAndCreatedAnswers_CarryLocationAndRetryAfter()
    {
        var doc = CheckedInOpenApi.Read().Document!;
        foreach (var (path, method, status) in new[]
        {
            ("/api/generations", HttpMethod.Post, "202"), ("/api/generations/subscribe", HttpMethod.Post, "201"),
            ("/api/generations/{id}", HttpMethod.Get, "202"), ("/api/generations/{id}", HttpMethod.Delete, "202"),
        })
        {
            var accepted = doc.Paths[path].Operations![method].Responses![status];
            Assert.Equal(["Location", "Retry-After"], accepted.Headers!.Keys.Order());
            Assert.Contains("application/json", accepted.Content!.Keys);
        }
        Assert.Contains("200", doc.Paths["/api/generations/{id}"].Operations![HttpMethod.Get].Responses!.Keys);
        Assert.Equal(GenerationIds.IdempotencyKeyHeader,
            Assert.Single(doc.Paths["/api/generations"].Operations![HttpMethod.Post].Parameters!, p => p.In == ParameterLocation.Header).Name);
    }

    [Fact]
    public void CheckedInDocument_Security_IsAnOptionalFunctionKeyAsTheHostsTakeIt()
    {
        var doc = CheckedInOpenApi.Read().Document!;
        var schemes = doc.Components!.SecuritySchemes!.Values.ToList();

        Assert.Equal([(ParameterLocation.Query, FunctionKeys.QueryName), (ParameterLocation.Header, FunctionKeys.HeaderName)],
            schemes.Select(s => (s.In!.Value, s.Name!)).OrderBy(s => s.Item2, StringComparer.Ordinal));
        foreach (var operation in doc.Paths.Values.SelectMany(p => p.Operations!.Values))
        {
            // Header, query, or nothing (loopback DevHost, func start).
            Assert.Equal([0, 1, 1], operation.Security!.Select(r => r.Count).Order());
        }
    }

    [Theory]
    [InlineData("post", "/api/generations", "400 402 409 413 415 422 429")]
    [InlineData("get", "/api/generations/{id}", "400 402 404 409 422 500 502 504")]
    [InlineData("delete", "/api/generations/{id}", "400 404")]
    [InlineData("post", "/api/generations/subscribe", "400 402 409 413 415 422 429")]
    [InlineData("post", "/api/generations/quote", "400 413 415")]
    [InlineData("get", "/api/usage", "400 502")]
    [InlineData("post", "/api/generations/unsubscribe", "400 413 415")]
    [InlineData("post", "/api/generations/{id}/callback/redeliver", "400 404 409")]
    public void CheckedInDocument_ErrorAnswers_AreProblemJsonWithTheirShapes(string method, string path, string statuses)
    {
        var doc = CheckedInOpenApi.Read().Document!;
        var responses = doc.Paths[path].Operations![HttpMethod.Parse(method)].Responses!;
        var problems = responses.Where(r => r.Key[0] is '4' or '5').ToList();

        Assert.Equal(statuses.Split(' '), problems.Select(r => r.Key).Order());
        foreach (var (_, response) in problems)
        {
            var schema = Assert.IsType<OpenApiSchemaReference>(Assert.Single(response.Content!, c => c.Key == "application/problem+json").Value.Schema);
            Assert.Contains("title", schema.Required!);
            Assert.Contains("detail", schema.Properties!.Keys);
        }
    }

    [Fact]
    public void CheckedInDocument_FailureProblem_NamesEveryErrorCodeTheApiSets()
    {
        var failure = CheckedInOpenApi.Read().Document!.Components!.Schemas!["GenerationFailureProblem"];
        var codes = typeof(GenerationErrorCodes).GetFields().Concat(typeof(GenerationProblems).GetFields())
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        var documented = failure.Properties!["errorCode"].Examples!.Select(e => e.GetValue<string>()).ToList();
        Assert.Equal(codes.Order(), documented.Order());
        Assert.Equal([nameof(GenerationPhase.Cancelled), nameof(GenerationPhase.Failed), nameof(GenerationPhase.TimedOut)],
            failure.Properties["generationStatus"].Enum!.Select(v => v.GetValue<string>()).Order());
        Assert.Contains("errorCode", failure.Required!);
    }

    [Fact]
    public async Task OpenApiDocumentFile_Result_AnswersTheCheckedInBytesAsJson()
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        using var body = new MemoryStream();
        context.Response.Body = body;

        await OpenApiDocumentFile.Result().ExecuteAsync(context);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(CheckedInOpenApi.Path), body.ToArray());
        using var parsed = JsonDocument.Parse(body.ToArray());
        Assert.StartsWith("3.1", parsed.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }
}
