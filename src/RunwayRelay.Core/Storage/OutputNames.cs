namespace RunwayRelay.Storage;

/// <summary>Blob names of a generation's outputs.</summary>
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

    private static string Insert(string name, string suffix)
    {
        int slash = name.LastIndexOf('/');
        int dot = name.LastIndexOf('.');
        return dot > slash + 1 ? $"{name[..dot]}{suffix}{name[dot..]}" : name + suffix;
    }
}
