namespace RunwayRelay.Runway.Pricing;

/// <summary>What a model's rate is counted per.</summary>
public enum CreditUnit
{
    /// <summary>Per second of output video (the request's <c>duration</c>, or the model's default).</summary>
    PerSecond,

    /// <summary>Per request (one image, one upscale).</summary>
    PerRequest,
}
