using System.Reflection;
using System.Runtime.Loader;
using RunwayRelay.IntegrationTests.Functions;

namespace RunwayRelay.IntegrationTests.Telemetry;

/// <summary>
/// The logging convention across the app: every <c>[LoggerMessage]</c> in Core, the DevHost and the Functions app has
/// an event id of its own (set, positive, used once), so a query by event id (docs/operations.md) finds one message.
/// </summary>
public sealed class LogEventIdTests
{
    private const string LoggerMessageAttribute = "Microsoft.Extensions.Logging.LoggerMessageAttribute";

    [Fact]
    public void LoggerMessages_WholeApp_EachHasAPositiveEventIdOfItsOwn()
    {
        var messages = AppAssemblies().SelectMany(LoggerMessages).ToList();

        // The scan itself works: it sees messages it must see.
        Assert.Contains(messages, m => m.Method == "RunwayRelay.Callbacks.Log.CallbackAnswered" && m.EventId == 703);
        var unset = messages.Where(m => m.EventId <= 0).Select(m => $"{m.Method} ({m.Assembly}): EventId {m.EventId}").ToList();
        var shared = messages.Where(m => m.EventId > 0).GroupBy(m => m.EventId).Where(g => g.Count() > 1).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => $"{m.Method} ({m.Assembly})"))}").ToList();
        Assert.True(unset.Count == 0 && shared.Count == 0,
            $"Event ids must be set and unique across the app.{Environment.NewLine}" +
            $"Without an id ({unset.Count}):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", unset)}{Environment.NewLine}" +
            $"Used more than once ({shared.Count}):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", shared)}");
    }

    private static IEnumerable<Assembly> AppAssemblies()
    {
        yield return typeof(RunwayRelay.Common.Sha256Hex).Assembly;
        yield return typeof(RunwayRelay.DevHost.DevHostExitCodes).Assembly;
        // The Functions app is not referenced (it is an executable of its own): read from its build output, in a context
        // of its own so its dependencies resolve as they would in the worker.
        string path = Path.Combine(FunctionsBuildOutput.Directory, "RunwayRelay.Functions.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build Functions.sln first");
        yield return new BuildOutputLoadContext(path).LoadFromAssemblyPath(path);
    }

    private static IEnumerable<(string Method, string Assembly, int EventId)> LoggerMessages(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in types.OfType<Type>())
        {
            foreach (var method in type.GetMethods(All))
            {
                foreach (var attribute in method.GetCustomAttributesData().Where(a => a.AttributeType.FullName == LoggerMessageAttribute))
                {
                    yield return ($"{type.FullName!.Replace('+', '.')}.{method.Name}", assembly.GetName().Name!, EventIdOf(attribute));
                }
            }
        }
    }

    /// <summary>The id given as the first constructor argument or as <c>EventId =</c>; -1 (the attribute's default) when neither.</summary>
    private static int EventIdOf(CustomAttributeData attribute)
    {
        foreach (var named in attribute.NamedArguments.Where(a => a.MemberName == "EventId"))
        {
            return (int)named.TypedValue.Value!;
        }
        var parameters = attribute.Constructor.GetParameters();
        int index = Array.FindIndex(parameters, p => p.Name == "eventId");
        return index >= 0 ? (int)attribute.ConstructorArguments[index].Value! : -1;
    }

    private sealed class BuildOutputLoadContext(string mainAssembly) : AssemblyLoadContext(isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}
