using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RunwayRelay.Telemetry;
using Xunit.Abstractions;

namespace RunwayRelay.IntegrationTests.Telemetry;

/// <summary>
/// One generation through the real HTTP API, the real durable engine, the emulator over HTTP and Azurite, with the
/// production telemetry (AddRunwayRelay) exported to memory: the spans form one trace from the HTTP start through every
/// activity to each Runway call and the download, tagged with the ids, and nothing secret is in any attribute.
/// </summary>
public sealed partial class GenerationTelemetryTests(AzuriteFixture azurite, ITestOutputHelper output) : AzuriteTestBase(azurite)
{
    // A model no other test uses, so the shared meter's points of this test can be told apart.
    private const string Model = "veo3";

    [Fact]
    public async Task Generation_OverHttp_IsOneTraceFromTheStartThroughEveryActivityToRunwayWithNothingSecret()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        string prompt = "telemetry-prompt-" + Guid.NewGuid().ToString("N");
        string token = "cb-token-" + Guid.NewGuid().ToString("N");
        await using var receiver = await CallbackReceiver.StartAsync(failFirst: 0);
        // Slow enough (about 0.6 s at Runway) for several polls, each in an execution of its own after ContinueAsNew.
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, new EmulatorOptions { TimeScale = 0.01 }, settings: new Dictionary<string, string?>
            {
                ["Callbacks:SigningSecret"] = "whsec_dGVsZW1ldHJ5LXNpZ25pbmctc2VjcmV0LTMyYnl0ZXM=",
                ["Callbacks:AllowLoopback"] = "true",
            },
            services: s => s.AddOpenTelemetry()
                .WithTracing(t => t.AddAspNetCoreInstrumentation().AddInMemoryExporter(spans))
                .WithMetrics(m => m.AddInMemoryExporter(metrics)));
        using var http = host.CreateApiClient();
        var callback = new Uri(receiver.Url, "hooks/done?token=" + token);

        using var accepted = await http.PostAsJsonAsync("/api/generations", new
        {
            endpoint = "text_to_video", model = Model, promptText = prompt, ratio = "1280:720", duration = 8, callbackUrl = callback,
        });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var acceptedBody = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement;
        string id = acceptedBody.GetProperty("id").GetString()!;
        long estimatedCredits = acceptedBody.GetProperty("estimatedCredits").GetInt64();
        var done = await host.WaitAsync(id);
        var outcome = done.ReadOutputAs<GenerationOutcome>()!;
        Assert.Equal(GenerationPhase.Succeeded, outcome.Status);
        string taskId = outcome.RunwayTaskId!;
        var (_, videoBytes) = await host.BlobAsync(id + ".mp4");
        await WaitForAsync(() => !receiver.Received.IsEmpty);
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        List<Activity> all;
        lock (spans)
        {
            all = [.. spans];
        }
        // The HTTP start is the root of the trace (the emulator's and the sidecar's server spans are in-process too).
        foreach (var span in all.OrderBy(s => s.StartTimeUtc))
        {
            output.WriteLine($"{span.TraceId} | {span.Source.Name} | {span.DisplayName} | {span.Kind} | parent {span.ParentSpanId} | id {span.SpanId} | {string.Join(", ", span.TagObjects.Select(t => $"{t.Key}={t.Value}"))}");
        }
        var start = Assert.Single(all, s => s.Kind == ActivityKind.Server
            && Equals(s.GetTagItem("url.path"), "/api/generations") && Equals(s.GetTagItem("http.request.method"), "POST"));
        var trace = all.Where(s => s.TraceId == start.TraceId).ToList();

        // Every activity of the generation, in the trace of its HTTP start, under the start.
        foreach (string activity in new[] { GenerationTasks.EnsureApiKey, GenerationTasks.SubmitGeneration, GenerationTasks.ReadRunwayTask,
                     GenerationTasks.CopyOutputs, GenerationTasks.ReleaseGeneration })
        {
            var span = trace.Last(s => s.Source.Name == RunwayRelayTelemetry.SourceName && s.DisplayName == activity);
            Assert.Equal(id, span.GetTagItem(RunwayRelayTelemetry.GenerationIdTag));
            Assert.True(DescendsFrom(span, start, trace), $"{activity} is not under the HTTP start");
        }
        var submit = Assert.Single(trace, s => s.DisplayName == GenerationTasks.SubmitGeneration);
        Assert.Equal(taskId, submit.GetTagItem(RunwayRelayTelemetry.RunwayTaskIdTag));
        Assert.Equal(Model, submit.GetTagItem(RunwayRelayTelemetry.ModelTag));
        var copy = Assert.Single(trace, s => s.DisplayName == GenerationTasks.CopyOutputs);
        Assert.Equal(taskId, copy.GetTagItem(RunwayRelayTelemetry.RunwayTaskIdTag));

        // Each Runway call is a client span under its activity, with its kind and status; the HTTP call is under that.
        var create = Assert.Single(trace, s => s.DisplayName == "runway create");
        Assert.Equal(submit.SpanId, create.ParentSpanId);
        Assert.Equal(Model, create.GetTagItem(RunwayRelayTelemetry.ModelTag));
        Assert.Equal(200, create.GetTagItem(RunwayRelayTelemetry.StatusCodeTag));
        Assert.Contains(trace, s => s.Source.Name == "System.Net.Http" && s.ParentSpanId == create.SpanId);
        var gets = trace.Where(s => s.DisplayName == "runway get").ToList();
        // Every poll stays in the generation's trace, also after ContinueAsNew (which the durable engine starts without
        // the trace context: GenerationInput.TraceParent carries it).
        var polls = trace.Where(s => s.Source.Name == RunwayRelayTelemetry.SourceName && s.DisplayName == GenerationTasks.ReadRunwayTask).ToList();
        Assert.True(polls.Count >= 2, "expected several polls in the trace");
        Assert.All(polls, p => Assert.True(DescendsFrom(p, start, trace)));
        Assert.All(gets, g => Assert.Equal(taskId, g.GetTagItem(RunwayRelayTelemetry.RunwayTaskIdTag)));
        // The download of the output: an HTTP GET under the copy, its URL without the signature.
        var download = Assert.Single(trace, s => s.Source.Name == "System.Net.Http" && DescendsFrom(s, copy, trace)
            && (s.GetTagItem("url.full") as string)?.Contains("/outputs/", StringComparison.Ordinal) == true);
        output.WriteLine("download " + download.GetTagItem("url.full"));

        // Nothing secret in any attribute of the app's spans: not the key, the prompt, a signed URL or the callback URL.
        // (The emulator and the callback receiver run in this process too; their server spans are theirs, not the app's.)
        int apiPort = host.ApiBaseAddress!.Port;
        var app = all.Where(s => s.Kind != ActivityKind.Server || Equals(s.GetTagItem("server.port"), apiPort)).ToList();
        var values = app.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? "").Append(s.DisplayName)).ToList();
        Assert.DoesNotContain(values, v => v.Contains(host.Emulator.ApiKey[4..20], StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains(prompt, StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.Contains("/hooks/done", StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => SignedQuery().IsMatch(v));
        Assert.All(app.Select(s => s.GetTagItem("url.full") as string).OfType<string>(), u => Assert.DoesNotContain('?', u));

        // Metrics: one start and one successful end of this model, the video's bytes copied, and the Runway calls counted.
        Assert.Equal(1, Sum(metrics, "runwayrelay.generations.started", (RunwayRelayTelemetry.ModelTag, Model)));
        Assert.Equal(1, Sum(metrics, "runwayrelay.generations.ended", (RunwayRelayTelemetry.ModelTag, Model), (RunwayRelayTelemetry.OutcomeTag, "Succeeded")));
        Assert.Equal(videoBytes, Sum(metrics, "runwayrelay.copy.bytes", (RunwayRelayTelemetry.ModelTag, Model)));
        Assert.True(estimatedCredits > 0);
        Assert.Equal(estimatedCredits, Sum(metrics, "runwayrelay.credits.estimated", (RunwayRelayTelemetry.ModelTag, Model)));
        Assert.True(Sum(metrics, "runwayrelay.runway.requests", (RunwayRelayTelemetry.RequestKindTag, "create"), (RunwayRelayTelemetry.StatusCodeTag, 200)) >= 1);
        Assert.Contains(metrics, m => m.Name == "runwayrelay.generation.phase.duration");
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message == $"Generation {id} ended Succeeded (Runway task {taskId}, 1 videos)");
        Assert.DoesNotContain(MetricTagValues(metrics), v => v.Contains(prompt, StringComparison.Ordinal) || v.Contains(token, StringComparison.Ordinal) || SignedQuery().IsMatch(v));
    }

    [Fact]
    public async Task Generation_RunwayTaskFails_IsCountedAsFailedWithItsCodeAndLoggedWithTheReason()
    {
        const string model = "veo3.1_fast";
        var metrics = new List<Metric>();
        var emulator = new EmulatorOptions { TimeScale = 0.001 };
        emulator.Outcomes.FailureRate = 1;
        emulator.Outcomes.FailureCode = "INTERNAL.BAD_OUTPUT.CODE01";
        await using var host = await GenerationHost.StartWebAsync(Azurite.ConnectionString, emulator,
            services: s => s.AddOpenTelemetry().WithMetrics(m => m.AddInMemoryExporter(metrics)));
        string id = "gen-" + Guid.NewGuid().ToString("N")[..12];

        var done = await host.RunAsync(new GenerationDraft(id,
            new TextToVideoRequest { Model = model, PromptText = "a storm at sea", Ratio = "1280:720", Duration = 4 }, id + ".mp4", null));
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal(GenerationPhase.Failed, done.ReadOutputAs<GenerationOutcome>()!.Status);
        Assert.Equal(1, Sum(metrics, "runwayrelay.generations.started", (RunwayRelayTelemetry.ModelTag, model)));
        Assert.Equal(1, Sum(metrics, "runwayrelay.generations.ended", (RunwayRelayTelemetry.ModelTag, model),
            (RunwayRelayTelemetry.OutcomeTag, nameof(GenerationPhase.Failed)), (RunwayRelayTelemetry.ErrorCodeTag, "INTERNAL.BAD_OUTPUT.CODE01")));
        Assert.Equal(0, Sum(metrics, "runwayrelay.copy.bytes", (RunwayRelayTelemetry.ModelTag, model)));
        var line = Assert.Single(host.Logs.GetSnapshot(), r => r.Message.StartsWith($"Generation {id} ended", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Contains("Failed with INTERNAL.BAD_OUTPUT.CODE01", line.Message, StringComparison.Ordinal);
    }

    private static bool DescendsFrom(Activity span, Activity ancestor, List<Activity> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        var current = span;
        for (int depth = 0; depth < 64 && current is not null; depth++)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
            current = byId.GetValueOrDefault(current.ParentSpanId);
        }
        return false;
    }

    private static double Sum(List<Metric> metrics, string name, params (string Key, object Value)[] tags)
    {
        double total = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    pointTags[tag.Key] = tag.Value;
                }
                if (tags.All(t => pointTags.TryGetValue(t.Key, out var v) && Equals(v?.ToString(), t.Value.ToString())))
                {
                    total += metric.MetricType is MetricType.LongSum ? point.GetSumLong() : point.GetSumDouble();
                }
            }
        }
        return total;
    }

    private static List<string> MetricTagValues(List<Metric> metrics)
    {
        var values = new List<string>();
        foreach (var metric in metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    values.Add(tag.Value?.ToString() ?? "");
                }
            }
        }
        return values;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }

    // The emulator signs output URLs with expires= and signature=, Azure SAS with sig=: only redacted values may show.
    [GeneratedRegex("(signature|expires|sig|token)=(?!Redacted)", RegexOptions.IgnoreCase)]
    private static partial Regex SignedQuery();
}
