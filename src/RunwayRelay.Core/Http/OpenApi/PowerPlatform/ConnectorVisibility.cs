namespace RunwayRelay.Http.OpenApi.PowerPlatform;

/// <summary>The values of the connector format's <c>x-ms-visibility</c> (absent means "none": shown as usual).</summary>
internal enum ConnectorVisibility
{
    /// <summary>Shown first.</summary>
    Important,

    /// <summary>Behind "Show advanced options".</summary>
    Advanced,

    /// <summary>Hidden from makers; the platform calls it or fills it in itself.</summary>
    Internal,
}
