namespace S1IdentityK8s.Collector.Delivery;

/// <summary>
/// One settled piece of a delivery run, handed to the caller strictly in page order: a
/// <see cref="ChunkSettled"/> for each chunk of a page, then that page's <see cref="PageCompleted"/>.
/// </summary>
public abstract record DeliveryStep;
