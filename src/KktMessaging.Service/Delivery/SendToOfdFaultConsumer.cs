using KktMessaging.Contracts;
using MassTransit;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// A SendToOfd that faulted into send-to-ofd_error (refused by the OFD, or its budget spent) marks its receipt
/// DeadLettered and announces it. Faults can arrive twice: only the first changes anything.
/// </summary>
public sealed class SendToOfdFaultConsumer(DeliveryStore store, ILogger<SendToOfdFaultConsumer> logger) : IConsumer<Fault<SendToOfd>>
{
    public async Task Consume(ConsumeContext<Fault<SendToOfd>> context)
    {
        var message = context.Message.Message;
        var exception = context.Message.Exceptions.FirstOrDefault();
        var errorClass = exception?.Data?.TryGetValue(OfdDeliveryException.ErrorClassKey, out var value) == true
            ? value?.ToString() ?? OfdDeliveryException.InternalErrorClass
            : OfdDeliveryException.InternalErrorClass;
        var reason = exception?.Message ?? "unknown fault";

        var receipt = await store.MarkDeadLetteredAsync(message.ReceiptId, message.ClaimToken, errorClass, reason, context.CancellationToken);
        if (receipt is null)
        {
            logger.LogDebug("Fault for receipt {ReceiptId} changes nothing: already handled, delivered or claimed anew", message.ReceiptId);
            return;
        }

        logger.LogError("Receipt {ReceiptId} dead-lettered after {Attempts} attempts ({ErrorClass}): {Reason}. Its message waits in send-to-ofd_error",
            receipt.ReceiptId, receipt.Attempts, errorClass, reason);
        await context.Publish(new ReceiptDeadLettered
        {
            ReceiptId = receipt.ReceiptId,
            DeadLetteredAt = receipt.DeadLetteredAt!.Value,
            Reason = reason,
            ErrorClass = errorClass,
            Attempts = receipt.Attempts,
        }, context.CancellationToken);
    }
}
