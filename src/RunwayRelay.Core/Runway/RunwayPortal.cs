namespace RunwayRelay.Runway;

/// <summary>Runway's developer portal, where keys, credits and limits are managed: the one place messages that send people there take it from.</summary>
public static class RunwayPortal
{
    public const string Url = "https://dev.runwayml.com";

    /// <summary>What to do when the organization's API credits cannot pay for a generation.</summary>
    public const string AddCreditsAdvice = "Add API credits in the Runway developer portal (" + Url +
        ", Billing); API credits are separate from the credits of the Runway web app.";
}
