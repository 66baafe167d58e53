namespace RunwayRelay.Common;

/// <summary>
/// Trailing-slash normalisation in one place. A base address must end with '/' or relative paths resolved against it
/// drop its last segment (<c>https://host/runway</c> + <c>v1/tasks</c> is <c>https://host/v1/tasks</c>); a path that
/// other segments are appended to must not, or the result holds "//".
/// </summary>
public static class UriPaths
{
    public static Uri WithTrailingSlash(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    public static string WithoutTrailingSlash(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.TrimEnd('/');
    }
}
