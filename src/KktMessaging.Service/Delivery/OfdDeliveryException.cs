using KktMessaging.Service.Ofd;

namespace KktMessaging.Service.Delivery;

/// <summary>An attempt that did not get the receipt registered; <see cref="ErrorClass"/> decides what happens next.</summary>
public sealed class OfdDeliveryException(Guid receiptId, OfdErrorClass errorClass, string message, Exception? inner = null)
    : Exception($"Receipt {receiptId}: {errorClass} OFD error: {message}", inner)
{
    public Guid ReceiptId { get; } = receiptId;
    public OfdErrorClass ErrorClass { get; } = errorClass;
}
