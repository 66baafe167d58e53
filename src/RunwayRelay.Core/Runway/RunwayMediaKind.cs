namespace RunwayRelay.Runway;

/// <summary>Which kind of media a field carries; it decides the allowed <c>data:</c> type and its size limit.</summary>
public enum RunwayMediaKind
{
    Image,
    Video,
}
