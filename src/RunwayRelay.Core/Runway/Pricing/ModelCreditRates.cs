using System.Collections.Frozen;

namespace RunwayRelay.Runway.Pricing;

/// <summary>
/// The credits each model costs, in one table: update it when Runway's rates change (and <see cref="AsOf"/> with it).
/// Figures from Runway's API reference summary (rw-api-reference, April 2026); rows marked <c>Assumed</c> are models
/// without a published price, priced like their family so that budgets still hold. 1 credit = US$0.01. Runway's own
/// <c>estimatedCost</c> on the created task is recorded beside this estimate and wins where it is given.
/// </summary>
public static class ModelCreditRates
{
    /// <summary>The date of the figures below.</summary>
    public const string AsOf = "2026-04-21";

    public const decimal UsdPerCredit = 0.01m;

    private static readonly ModelCreditRate[] Rows =
    [
        new("gen4.5", CreditUnit.PerSecond, 12),
        new("gen4_turbo", CreditUnit.PerSecond, 5),
        new("veo3", CreditUnit.PerSecond, 40) { DefaultSeconds = 8 },
        new("veo3.1", CreditUnit.PerSecond, 20) { CreditsWithAudio = 40, DefaultSeconds = 8 },
        new("veo3.1_fast", CreditUnit.PerSecond, 10) { CreditsWithAudio = 15, DefaultSeconds = 8 },
        new("seedance2", CreditUnit.PerSecond, 36),
        new("seedance2_fast", CreditUnit.PerSecond, 24) { Assumed = true },
        new("seedance2_mini", CreditUnit.PerSecond, 12) { Assumed = true },
        new("gemini_omni_flash", CreditUnit.PerSecond, 20) { Assumed = true },
        new("happyhorse_1_0", CreditUnit.PerSecond, 10) { Assumed = true },
        // gen4_aleph's rate; the output is as long as the input video, assumed 5 s (the estimate cannot see the video).
        new("aleph2", CreditUnit.PerSecond, 15) { Assumed = true },
        new("gen4_image", CreditUnit.PerRequest, 8) { CreditsAt720p = 5 },
        new("gen4_image_turbo", CreditUnit.PerRequest, 2),
        new("gemini_2.5_flash", CreditUnit.PerRequest, 5),
        new("magnific_video_upscaler_creative", CreditUnit.PerRequest, 50) { Assumed = true },
    ];

    private static readonly FrozenDictionary<string, ModelCreditRate> ByModel = Rows.ToFrozenDictionary(r => r.Model, StringComparer.Ordinal);

    internal static IReadOnlyList<ModelCreditRate> All => Rows;

    public static ModelCreditRate? For(string model) => ByModel.GetValueOrDefault(model);

    /// <summary>The credits <paramref name="request"/> should cost; null when its model has no rate here.</summary>
    public static long? Estimate(RunwayGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (For(request.Model) is not { } rate)
        {
            return null;
        }
        var video = request as RunwayVideoRequest;
        long perUnit = rate.CreditsWithAudio is { } withAudio && video?.Audio != false ? withAudio
            : rate.CreditsAt720p is { } at720p && IsAt720p(request) ? at720p
            : rate.Credits;
        return rate.Unit == CreditUnit.PerRequest ? perUnit : perUnit * (video?.Duration ?? rate.DefaultSeconds);
    }

    private static bool IsAt720p(RunwayGenerationRequest request) =>
        request is TextToImageRequest { Ratio: { } ratio } && ratio.Split(':').Contains("720", StringComparer.Ordinal);
}
