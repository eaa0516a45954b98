namespace Concordat.Core;

/// <summary>The outcome of an operation that can fail in expected ways: a value or one or more errors.</summary>
/// <typeparam name="T">The success value type.</typeparam>
public readonly struct Result<T>
{
    private readonly T? _value;
    private readonly IReadOnlyList<Error>? _errors;

    private Result(T value)
    {
        _value = value;
        _errors = null;
    }

    private Result(IReadOnlyList<Error> errors)
    {
        _value = default;
        _errors = errors;
    }

    /// <summary>True when the operation succeeded.</summary>
    public bool IsSuccess => _errors is null;

    /// <summary>The value; throws when the result is a failure.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException("The result is a failure: " + _errors![0].Message);

    /// <summary>The errors; empty on success.</summary>
    public IReadOnlyList<Error> Errors => _errors ?? [];

    /// <summary>A success.</summary>
    public static Result<T> Success(T value) => new(value);

    /// <summary>A failure with one error.</summary>
    public static Result<T> Failure(Error error) => new([error]);

    /// <summary>A failure with several errors; at least one is required.</summary>
    public static Result<T> Failure(IReadOnlyList<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        }

        return new(errors);
    }

    /// <summary>Implicit success.</summary>
    public static implicit operator Result<T>(T value) => Success(value);

    /// <summary>Implicit failure.</summary>
    public static implicit operator Result<T>(Error error) => Failure(error);
}
