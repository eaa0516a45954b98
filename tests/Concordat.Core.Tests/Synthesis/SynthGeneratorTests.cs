using Concordat.Core.Synthesis;

namespace Concordat.Core.Tests.Synthesis;

public sealed class SynthGeneratorTests
{
    [Fact]
    public void Invalid_options_are_reported_as_errors_and_nothing_is_written()
    {
        var output = new InMemorySynthOutput();
        var options = new SynthOptions
        {
            People = 0,
            Errors = new SynthErrorRates { Typo = 1.5 },
            CouncilTowns = ["Atlantis"],
            Departments = [SynthDepartment.Hmrc, SynthDepartment.Hmrc],
        };

        var result = new SynthGenerator().Generate(options, output);

        Assert.False(result.IsSuccess);
        Assert.Equal(
            ["synth.people_out_of_range", "synth.departments_invalid", "synth.rate_out_of_range", "synth.council_town_unknown"],
            result.Errors.Select(e => e.Code));
        Assert.Empty(output.Paths);
    }

    [Fact]
    public void Progress_rises_to_every_person_and_the_summary_lists_the_files()
    {
        var progress = new RecordingProgress();
        var output = new InMemorySynthOutput();
        var result = new SynthGenerator().Generate(new SynthOptions { People = 2500, ChunkSize = 400 }, output, progress);

        Assert.True(result.IsSuccess);
        Assert.Equal(7, progress.Reports.Count);
        Assert.Equal(2500, progress.Reports[^1].PeopleDone);
        Assert.Equal(1.0, progress.Reports[^1].Fraction);
        Assert.True(progress.Reports.Zip(progress.Reports.Skip(1)).All(p => p.First.PeopleDone < p.Second.PeopleDone));
        Assert.Equal(output.Paths.Order(), result.Value.Files.Order());
        Assert.Equal(result.Value.BytesWritten, progress.Reports[^1].BytesWritten);
        Assert.Equal(2500, result.Value.People);
    }

    private sealed class RecordingProgress : IProgress<SynthProgress>
    {
        public List<SynthProgress> Reports { get; } = [];

        public void Report(SynthProgress value) => Reports.Add(value);
    }
}
