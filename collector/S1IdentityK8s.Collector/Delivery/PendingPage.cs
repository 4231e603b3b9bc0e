using S1IdentityK8s.Collector.Sekoia;

namespace S1IdentityK8s.Collector.Delivery;

/// <summary>A planned page whose detail requests are under way.</summary>
/// <param name="Batches">One task per detail batch, in page order; together they yield the planned alerts in order.</param>
/// <param name="Positions">Each planned alert's index among the page's nodes, in the same order.</param>
/// <param name="Completion">The step to report once every alert of the page is settled.</param>
public sealed record PendingPage(
    IReadOnlyList<Task<IReadOnlyList<OutgoingAlert>>> Batches, IReadOnlyList<int> Positions, PageCompleted Completion);
