namespace RunwayRelay.Uploads;

/// <summary>What <see cref="BlobGenerationStarter"/> did with one uploaded blob.</summary>
public enum BlobGenerationOutcome
{
    /// <summary>A new generation was started.</summary>
    Started,
    /// <summary>This blob version already started its generation (a re-delivered event): nothing was done.</summary>
    AlreadyStarted,
    /// <summary>The upload cannot become a generation (not an image, too large, bad metadata); see the error blob.</summary>
    Refused,
    /// <summary>The blob was deleted or replaced before it could be read; the newer version has its own event.</summary>
    Gone,
}
