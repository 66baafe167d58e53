namespace RunwayRelay.Storage;

/// <summary>Blob names of a generation's outputs, and of what is named after them: the one place a name's stem is found.</summary>
public static class OutputNames
{
    /// <summary>The first output keeps the requested name, the next get <c>-1</c>, <c>-2</c>... before the extension.</summary>
    public static string For(string baseName, int index)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseName);
        return index == 0 ? baseName : Insert(baseName, "-" + index);
    }

    /// <summary><c>folder/cat.mp4</c> → <c>folder/cat-&lt;last 8 characters of the id&gt;.mp4</c>: a name of the generation's own when the natural one is taken.</summary>
    public static string WithIdSuffix(string name, string generationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(generationId);
        return Insert(name, "-" + generationId[^Math.Min(8, generationId.Length)..]);
    }

    /// <summary><c>folder/cat.png</c> → <c>folder/cat.mp4</c> (with <paramref name="extension"/> <c>.mp4</c>); a name without one gets it added.</summary>
    public static string WithExtension(string name, string extension)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(extension);
        return Stem(name) + extension;
    }

    private static string Insert(string name, string suffix)
    {
        string stem = Stem(name);
        return stem + suffix + name[stem.Length..];
    }

    /// <summary>
    /// The name without its extension. A dot in a folder name, or leading the last segment (<c>.hidden</c>), starts no
    /// extension.
    /// </summary>
    private static string Stem(string name)
    {
        int slash = name.LastIndexOf('/');
        int dot = name.LastIndexOf('.');
        return dot > slash + 1 ? name[..dot] : name;
    }
}
