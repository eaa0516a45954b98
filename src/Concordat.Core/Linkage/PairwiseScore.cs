namespace Concordat.Core.Linkage;

/// <summary>Counts of pairs and the precision, recall and F1 they give.</summary>
/// <param name="TruePositives">Predicted pairs that truly match.</param>
/// <param name="FalsePositives">Predicted pairs that do not.</param>
/// <param name="FalseNegatives">Truly matching pairs not predicted.</param>
public sealed record PairwiseScore(long TruePositives, long FalsePositives, long FalseNegatives)
{
    /// <summary>TP / (TP + FP); 1 when nothing was predicted.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 1 when nothing truly matches.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
