namespace RunwayRelay.IntegrationTests.Functions;

/// <summary>
/// Reads the top-level properties of one object literal in a Bicep file (<c>name: expression</c>), which is all the
/// app-settings checks need; a full Bicep parser (or the Bicep CLI) is not available on the test machines.
/// </summary>
internal static class BicepObjects
{
    /// <summary>The properties of the first <c>{ ... }</c> after <paramref name="marker"/>, keyed by name, with their expression text.</summary>
    public static Dictionary<string, string> PropertiesAfter(string bicep, string marker)
    {
        int at = bicep.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"'{marker}' not found in the Bicep file; the test's anchor moved.");
        }
        int open = bicep.IndexOf('{', at + marker.Length);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        int depth = 0;
        var line = new StringBuilder();
        for (int i = open; i < bicep.Length; i++)
        {
            char c = bicep[i];
            if (c == '\'')
            {
                // Strings may hold ${...} interpolations, whose braces are not the object's.
                int end = i + 1;
                while (end < bicep.Length && bicep[end] != '\'')
                {
                    end += bicep[end] == '\\' ? 2 : 1;
                }
                line.Append(bicep, i, end - i + 1);
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < bicep.Length && bicep[i + 1] == '/')
            {
                while (i < bicep.Length && bicep[i] != '\n') i++;
                i--;
                continue;
            }
            if (c is '{' or '[' or '(')
            {
                depth++;
                if (depth == 1) continue;
            }
            else if (c is '}' or ']' or ')')
            {
                depth--;
                if (depth == 0)
                {
                    Add(properties, line.ToString());
                    return properties;
                }
            }
            if (depth == 1 && c == '\n')
            {
                Add(properties, line.ToString());
                line.Clear();
                continue;
            }
            line.Append(c);
        }
        throw new InvalidOperationException($"the object after '{marker}' is not closed.");
    }

    private static void Add(Dictionary<string, string> properties, string line)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return;
        }
        string name = line[..colon].Trim().Trim('\'');
        if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            properties[name] = line[(colon + 1)..].Trim();
        }
    }
}
