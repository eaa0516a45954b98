using Concordat.Core.Governance;

namespace Concordat.Core.Tests.Governance;

public sealed class ApprovalTimeTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Time_to_approval_runs_from_the_first_draft_to_the_second_approval_not_the_first()
    {
        var history = new[]
        {
            Change(1, AgreementAction.Drafted, 0, AgreementStatus.Draft),
            Change(2, AgreementAction.Submitted, 1, AgreementStatus.Submitted),
            Change(3, AgreementAction.Approved, 2, AgreementStatus.Submitted),
            Change(4, AgreementAction.Rejected, 3, AgreementStatus.Draft),
            Change(5, AgreementAction.Submitted, 5, AgreementStatus.Submitted),
            Change(6, AgreementAction.Approved, 6, AgreementStatus.Submitted),
            Change(7, AgreementAction.Approved, 8.5, AgreementStatus.Approved),
            Change(8, AgreementAction.Approved, 20, AgreementStatus.Approved),
        };
        var time = ApprovalTime.From(history);
        Assert.NotNull(time);
        Assert.Equal(8.5, time.Days, 6);
    }

    [Fact]
    public void An_agreement_never_fully_approved_has_no_time()
    {
        Assert.Null(ApprovalTime.From([Change(1, AgreementAction.Drafted, 0, AgreementStatus.Draft), Change(2, AgreementAction.Approved, 1, AgreementStatus.Submitted)]));
        Assert.Null(ApprovalTime.From([]));
    }

    [Theory]
    [InlineData(new double[] { }, null)]
    [InlineData(new double[] { 4 }, 4.0)]
    [InlineData(new double[] { 9, 1, 5 }, 5.0)]
    [InlineData(new double[] { 10, 2, 4, 8 }, 6.0)]
    public void Median_is_the_middle_value_or_the_mean_of_the_middle_two(double[] days, double? median) =>
        Assert.Equal(median, ApprovalTime.Median(days));

    private static AgreementChange Change(int revision, AgreementAction action, double days, AgreementStatus after) =>
        new("agr-1", revision, 1, action, "someone", "dwp", Start.AddDays(days), "Because.", after);
}
