using RunwayRelay.Generations;

namespace RunwayRelay.Storage;

/// <summary>Read-only, expiring links to stored videos (<see cref="VideoDownloadLinks"/>).</summary>
public interface IVideoDownloadLinks
{
    /// <summary><paramref name="video"/> with a <see cref="StoredVideo.DownloadUrl"/> when the storage can sign one, else as it is.</summary>
    StoredVideo WithDownloadUrl(StoredVideo video);
}
