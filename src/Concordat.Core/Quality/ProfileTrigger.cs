namespace Concordat.Core.Quality;

/// <summary>Why a profile was taken.</summary>
public enum ProfileTrigger
{
    /// <summary>Automatically, after an ingest run committed.</summary>
    Ingest,
    /// <summary>On request, from the command line or the API.</summary>
    OnDemand,
}
