namespace KktMessaging.Load;

/// <summary>What a load run saw. Latencies are publish-to-ReceiptDelivered, in milliseconds.</summary>
public sealed record LoadReport(
    int Published,
    int PublishedInvalid,
    int Delivered,
    int Rejected,
    int UnexpectedRejections,
    double PublishSeconds,
    double TotalSeconds,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs)
{
    public int Missing => Published - Delivered - Rejected;

    /// <summary>Every receipt came back, the valid ones Delivered and exactly the invalid ones Rejected.</summary>
    public bool Complete => Missing == 0 && Rejected == PublishedInvalid && UnexpectedRejections == 0;

    public double PublishRate => Published / Math.Max(PublishSeconds, 1e-9);
    public double DeliveryRate => Delivered / Math.Max(TotalSeconds, 1e-9);

    public static double Percentile(IReadOnlyList<double> sorted, double percentile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public IEnumerable<string> Lines()
    {
        yield return $"Published {Published} receipts ({PublishedInvalid} invalid) in {PublishSeconds:F2} s ({PublishRate:F0}/s)";
        yield return $"Delivered {Delivered}, rejected {Rejected}, missing {Missing} after {TotalSeconds:F2} s ({DeliveryRate:F0} delivered/s)";
        if (UnexpectedRejections > 0) yield return $"Unexpected rejections of valid receipts: {UnexpectedRejections}";
        yield return $"Publish-to-Delivered latency: p50 {P50Ms:F0} ms, p90 {P90Ms:F0} ms, p99 {P99Ms:F0} ms, max {MaxMs:F0} ms";
    }
}
