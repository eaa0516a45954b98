namespace Concordat.Core.Tests.Standards;

/// <summary>A collection for tests that measure allocations: xunit runs it with no other test in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}
