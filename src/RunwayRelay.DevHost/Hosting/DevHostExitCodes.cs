namespace RunwayRelay.DevHost;

public static class DevHostExitCodes
{
    /// <summary>A setting is missing or invalid; the reason was printed as one line per problem.</summary>
    public const int Configuration = RunwayRelay.Hosting.InvalidSettings.ExitCode;

    /// <summary>Storage (Azurite) could not be reached.</summary>
    public const int Storage = 3;
}
