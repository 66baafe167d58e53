namespace RunwayRelay.Runway.Pricing;

/// <summary>
/// One row of <see cref="ModelCreditRates"/>: <see cref="Credits"/> per <see cref="Unit"/>; <see cref="CreditsWithAudio"/>
/// when the model charges more for sound (Veo, where audio is on unless <c>audio: false</c>); <see cref="CreditsAt720p"/>
/// when a 720p image is cheaper (a side of the ratio is 720); <see cref="DefaultSeconds"/> when the request leaves
/// <c>duration</c> out (or the model takes none, e.g. aleph2, whose length follows its input video).
/// </summary>
public sealed record ModelCreditRate(string Model, CreditUnit Unit, int Credits)
{
    public int? CreditsWithAudio { get; init; }

    public int? CreditsAt720p { get; init; }

    public int DefaultSeconds { get; init; } = 5;

    /// <summary>True when the figure is not from Runway's published rates but assumed (a newer model without a known price).</summary>
    public bool Assumed { get; init; }
}
