namespace Concordat.Core.Linkage.Internal;

/// <summary>One key of a blocking rule: a column and a transform (<paramref name="Length"/> for <c>firstN</c>).</summary>
internal sealed record BlockingKey(string Column, BlockingKeyTransform Transform, int Length)
{
    public override string ToString() => Transform switch
    {
        BlockingKeyTransform.Value => Column,
        BlockingKeyTransform.First => $"{Column}:first{Length}",
        _ => $"{Column}:{Transform.ToString().ToLowerInvariant()}",
    };
}
