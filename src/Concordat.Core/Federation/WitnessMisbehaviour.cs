namespace Concordat.Core.Federation;

/// <summary>What a validly signed checkpoint that a witness refused shows about its log.</summary>
public enum WitnessMisbehaviour
{
    /// <summary>Nothing: an ordinary refusal (a caller that did not know the size held, a malformed request).</summary>
    None,

    /// <summary>The log signed a smaller tree at a later time than the one cosigned: it rolled back.</summary>
    Rollback,

    /// <summary>The log signed two different trees of one size: a fork (split view). Both notes prove it.</summary>
    Fork,

    /// <summary>The log offered a larger tree that no consistency proof connects to the one cosigned: it rewrote its history.</summary>
    Inconsistent,
}
