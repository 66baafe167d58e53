namespace RunwayRelay.Emulator.Uploads;

/// <summary>Whether a <c>runway://</c> URI can be used as a generation input.</summary>
internal enum RunwayUriState
{
    Usable,
    /// <summary>No upload slot has this URI (never created, or forgotten by a reset).</summary>
    Unknown,
    /// <summary>The slot exists but its file was never POSTed to the upload URL.</summary>
    NotUploaded,
    /// <summary>Older than <see cref="EmulatorOptions.UploadLifetime"/> (scaled).</summary>
    Expired,
}
