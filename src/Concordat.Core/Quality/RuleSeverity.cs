namespace Concordat.Core.Quality;

/// <summary>How much a broken rule matters.</summary>
public enum RuleSeverity
{
    /// <summary>Report it; the data is still usable.</summary>
    Warn,
    /// <summary>The data should not be relied on until it is fixed; the CLI exits non-zero.</summary>
    Fail,
}
