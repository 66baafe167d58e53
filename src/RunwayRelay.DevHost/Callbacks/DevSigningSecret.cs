using System.Security.Cryptography;
using RunwayRelay.Callbacks;

namespace RunwayRelay.DevHost.Callbacks;

/// <summary>
/// A Standard Webhooks callback signing secret (<c>whsec_</c> + base64 of 32 bytes) for local runs, made once and kept in the DevHost's data directory, so callbacks are
/// signed (and receivers can verify them) without any set-up, and the secret survives restarts.
/// </summary>
public static class DevSigningSecret
{
    public const string FileName = "callback-signing-secret";

    public static (string Secret, string Path) LoadOrCreate(string dataDirectory)
    {
        string path = System.IO.Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            string existing = File.ReadAllText(path).Trim();
            // One made before callbacks followed Standard Webhooks is not a whsec_ secret: replaced, it is only local.
            if (existing.Length > 0 && WebhookSecret.Problem(existing) is null)
            {
                return (existing, path);
            }
        }
        Directory.CreateDirectory(dataDirectory);
        string secret = WebhookSecret.Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Owner-only: it is a secret, even if only a local one.
        var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(path, create))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(secret);
        }
        return (secret, path);
    }

    /// <summary>The repository's git-ignored <c>.local/</c> when running from a clone, else a per-user folder.</summary>
    public static string DefaultDataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Functions.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, ".local");
            }
        }
        return System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "RunwayRelay");
    }
}
