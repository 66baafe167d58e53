namespace RunwayRelay.Tests.Orchestration;

public sealed class ModelRunTimesTests
{
    private static readonly TextToVideoRequest Request = new() { Model = "gen4.5", PromptText = "a lighthouse", Ratio = "1280:720", Duration = 5 };

    private static void RecordSeconds(ModelRunTimes runTimes, string kind, params double[] seconds)
    {
        foreach (double s in seconds)
        {
            runTimes.Record(new RunTimeSample(kind, TimeSpan.FromSeconds(s)));
        }
    }

    [Fact]
    public void KindOf_VideoRequest_NamesEndpointModelAndDuration()
    {
        Assert.Equal("text_to_video/gen4.5/5s", ModelRunTimes.KindOf(Request));
        Assert.Equal("text_to_video/gen4.5/10s", ModelRunTimes.KindOf(Request with { Duration = 10 }));
    }

    [Fact]
    public void PriorFor_FewerThanMinSamples_HasNoShortest()
    {
        var runTimes = new ModelRunTimes();
        RecordSeconds(runTimes, "text_to_video/gen4.5/5s", 30, 40, 50, 60);

        var prior = runTimes.PriorFor(Request);

        Assert.Equal("text_to_video/gen4.5/5s", prior.Key);
        Assert.Null(prior.Shortest);
    }

    [Fact]
    public void PriorFor_EnoughSamples_IsTheShortestOfThatKindOnly()
    {
        var runTimes = new ModelRunTimes();
        RecordSeconds(runTimes, "text_to_video/gen4.5/5s", 60, 45, 90, 33, 70);
        RecordSeconds(runTimes, "text_to_video/gen4.5/10s", 5, 5, 5, 5, 5);

        Assert.Equal(TimeSpan.FromSeconds(33), runTimes.PriorFor(Request).Shortest);
    }

    [Fact]
    public void PriorFor_BurstEndingSlowestLast_StillKnowsItsFastest()
    {
        // 200 generations started together end shortest first: the window must not hold only the slowest.
        var runTimes = new ModelRunTimes();
        RecordSeconds(runTimes, "k", [.. Enumerable.Range(0, 200).Select(i => 20 + 0.8 * i)]);

        Assert.Equal(TimeSpan.FromSeconds(20), runTimes.PriorFor("k").Shortest);
    }

    [Fact]
    public void PriorFor_FastOutlierOlderThanTheWindow_HasAgedOut()
    {
        var runTimes = new ModelRunTimes();
        RecordSeconds(runTimes, "k", 3);
        RecordSeconds(runTimes, "k", [.. Enumerable.Repeat(40.0, ModelRunTimes.Window)]);

        Assert.Equal(TimeSpan.FromSeconds(40), runTimes.PriorFor("k").Shortest);
    }

    [Fact]
    public void Record_BeyondMaxKinds_KeepsNoNewKind()
    {
        var runTimes = new ModelRunTimes();
        for (int i = 0; i < ModelRunTimes.MaxKinds; i++)
        {
            RecordSeconds(runTimes, $"kind-{i}", 10, 10, 10, 10, 10);
        }
        RecordSeconds(runTimes, "one-too-many", 10, 10, 10, 10, 10);
        RecordSeconds(runTimes, "kind-0", 4);

        Assert.Null(runTimes.PriorFor("one-too-many").Shortest);
        Assert.Equal(TimeSpan.FromSeconds(4), runTimes.PriorFor("kind-0").Shortest);
    }
}
