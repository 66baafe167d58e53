using RunwayRelay.Runway.Pricing;

namespace RunwayRelay.Tests.Runway.Pricing;

public sealed class ModelCreditRatesTests
{
    [Theory]
    [InlineData("gen4.5", 5, 60)]
    [InlineData("gen4.5", 10, 120)]
    [InlineData("seedance2", 4, 144)]
    [InlineData("seedance2_mini", 15, 180)]
    public void Estimate_PerSecondModel_IsRateTimesDuration(string model, int duration, long expected)
    {
        var request = new TextToVideoRequest { Model = model, PromptText = "fox", Ratio = "1280:720", Duration = duration };

        Assert.Equal(expected, ModelCreditRates.Estimate(request));
    }

    [Theory]
    [InlineData(null, 320)]
    [InlineData(true, 320)]
    [InlineData(false, 160)]
    public void Estimate_VeoAudio_OnUnlessTurnedOffAndDearer(bool? audio, long expected)
    {
        var request = new TextToVideoRequest { Model = "veo3.1", PromptText = "fox", Ratio = "1280:720", Audio = audio };

        Assert.Equal(expected, ModelCreditRates.Estimate(request));
    }

    [Fact]
    public void Estimate_DurationLeftOut_UsesTheModelsDefault()
    {
        var request = new ImageToVideoRequest { Model = "gen4_turbo", Ratio = "1280:720", PromptImage = [new PromptImage("https://example.com/a.png")] };

        Assert.Equal(25, ModelCreditRates.Estimate(request));
    }

    [Theory]
    [InlineData("1280:720", 5)]
    [InlineData("1920:1080", 8)]
    public void Estimate_Gen4Image_CheaperAt720p(string ratio, long expected)
    {
        var request = new TextToImageRequest { Model = "gen4_image", PromptText = "fox", Ratio = ratio };

        Assert.Equal(expected, ModelCreditRates.Estimate(request));
    }

    [Fact]
    public void Estimate_ModelWithoutRate_IsNull()
    {
        Assert.Null(ModelCreditRates.Estimate(new TextToVideoRequest { Model = "gen9_future", PromptText = "fox", Duration = 5 }));
    }

    [Fact]
    public void Table_EveryModelOnce_WithAPositiveRate()
    {
        Assert.Equal(ModelCreditRates.All.Count, ModelCreditRates.All.Select(r => r.Model).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ModelCreditRates.All, r => Assert.True(r.Credits > 0 && r.DefaultSeconds > 0, r.Model));
        Assert.True(DateOnly.TryParse(ModelCreditRates.AsOf, System.Globalization.CultureInfo.InvariantCulture, out _));
    }
}
