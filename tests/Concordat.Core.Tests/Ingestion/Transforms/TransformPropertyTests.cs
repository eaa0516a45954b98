using Concordat.Core.Ingestion.Transforms;
using Concordat.Core.Tests.Standards;
using CsCheck;

namespace Concordat.Core.Tests.Ingestion.Transforms;

/// <summary>Properties every transform must have, checked over all known ops.</summary>
public sealed class TransformPropertyTests
{
    // Transforms whose output is already in their own target form, so a second pass must change nothing.
    private static readonly string[] Idempotent =
    [
        "trim", "collapseWhitespace", "upper", "lower", "title", "case", "nullIf", "emptyToNull", "default", "parseDate",
        "parseDateTime", "postcode", "nino", "nhsNumber", "phone", "email", "uprn", "digits", "cleanName", "formalName", "addressLine",
    ];

    private static readonly Gen<string?> Inputs = Gen.OneOf<string?>(
        StandardsGen.AnyText.Select(text => (string?)text),
        Gen.OneOf<string?>(null, "", " ", "N/A", "01/02/2024", "2024-06-01T12:00:00Z", "SMITH, Mr John Paul Jr"),
        StandardsGen.ValidNino.Select(text => (string?)text),
        StandardsGen.ValidPostcode.Select(text => (string?)text.ToLowerInvariant()));

    private static IValueTransform Create(string op) => TransformAssert.Create(TransformFactoryTests.ValidSpec(op));

    [Fact]
    public void Null_input_stays_null_for_every_transform_except_default()
    {
        foreach (string op in TransformFactory.KnownOps)
        {
            IValueTransform transform = Create(op);

            Assert.True(transform.TryApply(null, out string? output, out string? failure), op);
            Assert.Null(failure);
            if (op == "default")
            {
                Assert.Equal("unknown", output);
            }
            else
            {
                Assert.Null(output);
            }
        }
    }

    [Fact]
    public void Random_input_never_throws_and_success_and_failure_are_reported_consistently()
    {
        IValueTransform[] transforms = [.. TransformFactory.KnownOps.Select(Create)];
        Inputs.Sample(input =>
        {
            foreach (IValueTransform transform in transforms)
            {
                if (transform.TryApply(input, out string? output, out string? failure))
                {
                    Assert.Null(failure);
                }
                else
                {
                    Assert.Null(output);
                    Assert.False(string.IsNullOrWhiteSpace(failure), transform.Name);
                }
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Applying_a_normalising_transform_twice_gives_the_same_result_as_once()
    {
        IValueTransform[] transforms = [.. Idempotent.Select(Create)];
        Inputs.Sample(input =>
        {
            foreach (IValueTransform transform in transforms)
            {
                if (transform.TryApply(input, out string? once, out _))
                {
                    Assert.True(transform.TryApply(once, out string? twice, out string? failure), $"{transform.Name}: {failure}");
                    Assert.Equal(once, twice);
                }
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Transforms_are_safe_to_share_between_threads()
    {
        IValueTransform[] transforms = [.. TransformFactory.KnownOps.Select(Create)];
        string[] inputs = ["  sw1a1aa ", "ab 12 34 56 c", "943 476 5919", "01/02/2024", "O'BRIEN, mary", "07700 900123"];
        Dictionary<(string, string), (bool, string?)> expected = [];
        foreach (IValueTransform transform in transforms)
        {
            foreach (string input in inputs)
            {
                bool ok = transform.TryApply(input, out string? output, out _);
                expected[(transform.Name + transform.GetHashCode(), input)] = (ok, output);
            }
        }

        Parallel.For(0, 2_000, i =>
        {
            IValueTransform transform = transforms[i % transforms.Length];
            string input = inputs[i % inputs.Length];
            bool ok = transform.TryApply(input, out string? output, out _);
            Assert.Equal(expected[(transform.Name + transform.GetHashCode(), input)], (ok, output));
        });
    }
}
