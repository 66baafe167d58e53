using System.Text;

namespace RunwayRelay.Tests.Http;

/// <summary>A model the catalog does not list is refused at the door unless <c>Runway__AllowUnknownModels=true</c>.</summary>
public sealed class UnknownModelTests
{
    private const string UnknownTextToVideo = """{"endpoint":"text_to_video","model":"gen9_ultra","promptText":"a lighthouse","ratio":"1280:720","duration":5}""";

    [Fact]
    public void Judge_UnknownModelByDefault_Refused400NamingModelAndListingTheEndpointsModels()
    {
        var errors = new ValidationErrors();

        var accepted = HttpTestKit.Api().Judge(Encoding.UTF8.GetBytes(UnknownTextToVideo), errors);

        Assert.Null(accepted);
        var message = Assert.Single(Assert.Single(errors.ToDictionary(), e => e.Key == "model").Value);
        Assert.Contains("'gen9_ultra' is not a known model of text_to_video", message, StringComparison.Ordinal);
        foreach (string model in RunwayModelCatalog.ModelsOf(RunwayEndpoints.TextToVideo))
        {
            Assert.Contains(model, message, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("gen4_turbo", message, StringComparison.Ordinal);
        Assert.Contains("Runway__AllowUnknownModels", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_UnknownModelAllowed_ForwardedWithOnlyEndpointChecks()
    {
        var api = HttpTestKit.Api(runway: new RunwayOptions { AllowUnknownModels = true });
        var errors = new ValidationErrors();

        var accepted = api.Judge(Encoding.UTF8.GetBytes(UnknownTextToVideo), errors);

        Assert.Empty(errors.Fields);
        Assert.Equal("gen9_ultra", Assert.IsType<TextToVideoRequest>(accepted!.Request).Model);
    }

    [Fact]
    public void Judge_UnknownModelAllowed_EndpointShapeRulesStillApply()
    {
        var api = HttpTestKit.Api(runway: new RunwayOptions { AllowUnknownModels = true });
        var errors = new ValidationErrors();

        var accepted = api.Judge(Encoding.UTF8.GetBytes(
            """{"endpoint":"text_to_video","model":"gen9_ultra","ratio":"1280:720","duration":0,"seed":-1,"references":[{"uri":"https://10.0.0.1/a.png"}]}"""), errors);

        Assert.Null(accepted);
        Assert.Equal(["duration", "promptText", "references.0.uri", "seed"], errors.Fields.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Judge_ModelOfAnotherEndpointEvenWhenUnknownAllowed_Refused()
    {
        var api = HttpTestKit.Api(runway: new RunwayOptions { AllowUnknownModels = true });
        var errors = new ValidationErrors();

        api.Judge(Encoding.UTF8.GetBytes("""{"endpoint":"text_to_video","model":"gen4_turbo","promptText":"x"}"""), errors);

        Assert.Contains("is not available on text_to_video", Assert.Single(errors.ToDictionary()["model"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryCatalogModelWhenUnknownRefused_IsNotCalledUnknown()
    {
        foreach (var spec in RunwayModelCatalog.All)
        {
            RunwayGenerationRequest request = GenerationRequestMapper.Build(spec.Endpoint, new GenerationRequestBody { Values = new Dictionary<string, object> { [GenerationFields.Model] = spec.Model } });
            var issues = RunwayRequestValidator.Validate(request, allowUnknownModels: false);
            Assert.DoesNotContain(issues, i => i.Message.Contains("is not a known model", StringComparison.Ordinal));
        }
    }
}
