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

    /// <summary>409: the old size is not the size last cosigned; the answer's body names that size (<c>text/x.tlog.size</c>).</summary>
    Conflict,

    /// <summary>409: the size last cosigned, but another root hash: two trees of one size.</summary>
    RootConflict,

    /// <summary>422: the consistency proof does not verify.</summary>
    ProofInvalid,
}
