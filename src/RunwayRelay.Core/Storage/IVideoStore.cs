using RunwayRelay.Generations;

namespace RunwayRelay.Storage;

/// <summary>Where finished videos are copied to (<see cref="BlobVideoStore"/>).</summary>
public interface IVideoStore
{
    /// <summary>Copies <paramref name="source"/> into <paramref name="blobName"/>, or returns the existing blob when this task already stored it.</summary>
    Task<StoredVideo> CopyAsync(Uri source, string blobName, VideoMetadata metadata, CancellationToken cancellationToken = default);
}
