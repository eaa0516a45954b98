namespace Concordat.Core.Federation;

/// <summary>A witness's answer to <c>add-checkpoint</c>, each with the HTTP status c2sp.org/tlog-witness gives it.</summary>
public enum WitnessOutcome
{
    /// <summary>200: the checkpoint extends what was cosigned before; cosign it and keep it.</summary>
    Cosign,

    /// <summary>400: the body is not a request of the specification's form, or its old size exceeds the checkpoint's.</summary>
    BadRequest,

    /// <summary>403: no signature by the log's key verifies.</summary>
    BadSignature,

    /// <summary>404: the checkpoint's origin is no log this witness knows.</summary>
    UnknownLog,

    /// <summary>409: the old size is not the size last cosigned (the body names that size), or the same size with another root.</summary>
    Conflict,

    /// <summary>422: the consistency proof does not verify.</summary>
    ProofInvalid,
}
