using System.Runtime.Serialization;
using System.Text.Json;
using KktMessaging.Contracts;
using MassTransit;

namespace KktMessaging.Service.Ingestion;

/// <summary>
/// A message on receipt-created that is not a readable receipt (not JSON, or a field of the wrong type) cannot be
/// stored. MassTransit moves it to <c>receipt-created_error</c> and the queue keeps flowing; this observer says why
/// in plain words and, when the body names a receiptId, tells the POS with a <see cref="ReceiptRejected"/>.
/// </summary>
internal sealed class MalformedReceiptObserver(IServiceProvider services, TimeProvider clock, ILogger<MalformedReceiptObserver> logger)
    : IReceiveObserver
{
    public async Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        if (!IsUnreadable(exception) || !context.InputAddress.AbsolutePath.EndsWith("/receipt-created", StringComparison.Ordinal)) return;

        var reason = Innermost(exception).Message;
        var receiptId = FindReceiptId(context.Body.GetBytes());
        logger.LogWarning(
            "Unreadable message on receipt-created (receiptId {ReceiptId}, content type {ContentType}): {Reason}. It is moved to receipt-created_error",
            receiptId?.ToString() ?? "unknown", context.ContentType?.MediaType ?? "none", reason);
        if (receiptId is not { } id) return;

        var rejection = new ReceiptRejected
        {
            ReceiptId = id,
            RejectedAt = clock.GetUtcNow(),
            Errors = [new FieldError("$", "malformed", $"the message is not a readable ReceiptCreated: {reason}")],
        };
        await services.GetRequiredService<IBus>().Publish(rejection);
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
        Task.CompletedTask;

    private static bool IsUnreadable(Exception exception) => exception is SerializationException or JsonException;

    private static Exception Innermost(Exception exception) => exception.InnerException is null ? exception : Innermost(exception.InnerException);

    /// <summary>The receiptId of a raw JSON receipt or of a MassTransit envelope, if the body is JSON enough to have one.</summary>
    private static Guid? FindReceiptId(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var receipt = root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object ? message : root;
            return receipt.TryGetProperty("receiptId", out var id) && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var value)
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
