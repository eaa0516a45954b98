namespace Concordat.Core.Tests.Ingestion.Transforms;

/// <summary>A clock stopped at one instant, so century choices for two-digit years are repeatable.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
