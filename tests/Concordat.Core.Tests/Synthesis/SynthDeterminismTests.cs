using Concordat.Core.Synthesis;

namespace Concordat.Core.Tests.Synthesis;

public sealed class SynthDeterminismTests
{
    private static readonly SynthOptions Options = new() { People = 3000, Seed = 7 };

    [Fact]
    public void Same_seed_gives_byte_identical_files_whatever_the_chunking_and_parallelism()
    {
        var serial = SynthRun.Generate(Options with { MaxDegreeOfParallelism = 1, ChunkSize = 4096 });
        var parallel = SynthRun.Generate(Options with { MaxDegreeOfParallelism = 4, ChunkSize = 97 });

        Assert.Equal(serial.Output.Paths.Order(), parallel.Output.Paths.Order());
        Assert.Equal(14, serial.Output.Paths.Count);
        foreach (var path in serial.Output.Paths)
        {
            Assert.True(serial.Bytes(path).AsSpan().SequenceEqual(parallel.Bytes(path)), path + " differs");
        }

        Assert.Equal(serial.Summary.Records, parallel.Summary.Records);
        Assert.Equal(serial.Summary.Errors, parallel.Summary.Errors);
    }

    [Fact]
    public void Different_seed_gives_different_files()
    {
        var first = SynthRun.Generate(Options);
        var second = SynthRun.Generate(Options with { Seed = 8 });

        foreach (var department in SynthOptions.AllDepartments)
        {
            var path = SynthPaths.Data(department);
            Assert.False(first.Bytes(path).AsSpan().SequenceEqual(second.Bytes(path)), path + " is the same for two seeds");
        }

        Assert.NotEqual(first.Person(0).NhsNumber, second.Person(0).NhsNumber);
    }

    [Fact]
    public void A_department_file_does_not_depend_on_which_other_departments_are_generated()
    {
        var all = SynthRun.Generate(Options);
        var dvlaOnly = SynthRun.Generate(Options with { Departments = [SynthDepartment.Dvla] });

        var path = SynthPaths.Data(SynthDepartment.Dvla);
        Assert.True(all.Bytes(path).AsSpan().SequenceEqual(dvlaOnly.Bytes(path)));
        Assert.DoesNotContain(SynthPaths.Data(SynthDepartment.Hmrc), dvlaOnly.Output.Paths);
    }
}
