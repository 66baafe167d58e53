namespace RunwayRelay.IntegrationTests.Emulator;

public abstract class EmulatorOutputTestBase : EmulatorTestBase
{
    protected async Task<string> FinishedOutputUrlAsync()
    {
        var id = await CreateTaskAsync();
        var (_, final) = await WaitForEndAsync(id);
        Assert.Equal("SUCCEEDED", final.GetProperty("status").GetString());
        return final.GetProperty("output")[0].GetString()!;
    }

    protected async Task<(string Hash, long Length, byte[] Head)> HashAsync(string url)
    {
        using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        var head = new byte[256 * 1024];
        var headLength = 0;
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            var copy = Math.Min(read, head.Length - headLength);
            buffer.AsSpan(0, copy).CopyTo(head.AsSpan(headLength));
            headLength += copy;
            length += read;
        }
        return (Convert.ToHexString(sha.GetHashAndReset()), length, head);
    }
}
