using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using RunwayRelay.Scheduling;

namespace RunwayRelay.Tests.Http;

/// <summary>Runs handlers on a DefaultHttpContext and reads back what a client would see.</summary>
internal static class HttpTestKit
{
    public static readonly DateTimeOffset Now = TestClock.Start;

    public static GenerationsApi Api(RunwayOptions? runway = null, GenerationApiOptions? api = null, CallbackOptions? callbacks = null) =>
        new(Monitor(runway ?? new RunwayOptions()), Monitor(api ?? new GenerationApiOptions()), Monitor(callbacks ?? new CallbackOptions()),
            NullLogger<GenerationsApi>.Instance, NoLinks(), UnreachableStorageScheduler(runway ?? new RunwayOptions()),
            new CallbackTargetStore(new Azure.Storage.Blobs.BlobServiceClient("UseDevelopmentStorage=true"), Options.Create(new OutputOptions())),
            NoBudget(), Monitor(new RunwayRelay.Budget.BudgetOptions { CheckBalance = false }), new FakeTimeProvider(Now));

    /// <summary>No limits and no balance check: the guard reads and writes nothing.</summary>
    private static RunwayRelay.Budget.BudgetGuard NoBudget() =>
        new(new Mock<IRunwayClient>().Object, new Mock<IDailySpendStore>().Object, Monitor(new RunwayRelay.Budget.BudgetOptions { CheckBalance = false }),
            new FakeTimeProvider(Now), NullLogger<RunwayRelay.Budget.BudgetGuard>.Instance);

    /// <summary>Links need a signing storage account; these handler tests leave videos as stored.</summary>
    private static IVideoDownloadLinks NoLinks()
    {
        var links = new Mock<IVideoDownloadLinks>();
        links.Setup(l => l.WithDownloadUrl(It.IsAny<StoredVideo>())).Returns((StoredVideo v) => v);
        return links.Object;
    }

    /// <summary>
    /// A real scheduler over storage no test here reaches: these handler tests end before anything is scheduled (the
    /// integration tests schedule against Azurite).
    /// </summary>
    private static GenerationScheduler UnreachableStorageScheduler(RunwayOptions runway)
    {
        var storage = new Azure.Storage.Blobs.BlobServiceClient("UseDevelopmentStorage=true");
        var output = Options.Create(new OutputOptions());
        var time = new FakeTimeProvider(Now);
        return new GenerationScheduler(new OutputNameReservations(storage, output, time), new GenerationPayloadStore(storage, output),
            Monitor(runway), time, NullLogger<GenerationScheduler>.Instance);
    }

    public static IOptionsMonitor<T> Monitor<T>(T value) where T : class
    {
        var monitor = new Moq.Mock<IOptionsMonitor<T>>();
        monitor.SetupGet(m => m.CurrentValue).Returns(value);
        return monitor.Object;
    }

    public static HttpRequest Request(string method, string path, string? body = null, string? contentType = "application/json",
        IDictionary<string, string>? headers = null, string query = "")
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 7071);
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        if (body is not null)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
        }
        context.Request.ContentType = contentType;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    public static async Task<Answer> ExecuteAsync(IResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        string text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new Answer(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers, text);
    }

    /// <summary>A durable client that knows nothing and records starts.</summary>
    public static Moq.Mock<DurableTaskClient> Client(OrchestrationMetadata? existing = null)
    {
        var client = new Moq.Mock<DurableTaskClient>("test") { CallBase = false };
        client.Setup(c => c.GetInstancesAsync(Moq.It.IsAny<string>(), Moq.It.IsAny<bool>(), Moq.It.IsAny<CancellationToken>()))
            .ReturnsAsync(existing);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(Moq.It.IsAny<TaskName>(), Moq.It.IsAny<object?>(),
                Moq.It.IsAny<StartOrchestrationOptions?>(), Moq.It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);
        return client;
    }

    public static OrchestrationMetadata Instance(string id, OrchestrationRuntimeStatus status, object? output = null, object? customStatus = null,
        object? input = null, string name = "GenerateVideoOrchestrator") =>
        new(name, id)
        {
            RuntimeStatus = status,
            DataConverter = JsonDataConverter.Default,
            SerializedOutput = output is null ? null : JsonDataConverter.Default.Serialize(output),
            SerializedCustomStatus = customStatus is null ? null : JsonDataConverter.Default.Serialize(customStatus),
            SerializedInput = input is null ? null : JsonDataConverter.Default.Serialize(input),
        };

    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    internal sealed record Answer(int Status, string? ContentType, IHeaderDictionary Headers, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public IReadOnlyList<string> ErrorFields => Json.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

        public string Error(string field) => string.Join(" | ", Json.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }
}
