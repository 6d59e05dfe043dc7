using KktMessaging.Service.Ofd;

namespace KktMessaging.Service.Delivery;

/// <summary>An attempt that did not get the receipt registered; <see cref="ErrorClass"/> decides what happens next.</summary>
public sealed class OfdDeliveryException : Exception
{
    /// <summary>The key under which the class travels in the exception data, and so in <c>Fault&lt;SendToOfd&gt;</c>.</summary>
    public const string ErrorClassKey = "ErrorClass";

    /// <summary>The class of failures that are not an OFD answer: a database fault, a bug.</summary>
    public const string InternalErrorClass = "Internal";

    public OfdDeliveryException(Guid receiptId, OfdErrorClass errorClass, string message, TimeSpan? retryAfter = null, Exception? inner = null)
        : base($"{errorClass} OFD error for receipt {receiptId}: {message}", inner)
    {
        ReceiptId = receiptId;
        ErrorClass = errorClass;
        RetryAfter = retryAfter;
        Data[ErrorClassKey] = errorClass.ToString();
    }

    public Guid ReceiptId { get; }
    public OfdErrorClass ErrorClass { get; }

    /// <summary>How long the OFD asked us to wait (Retry-After); redelivery waits at least this long.</summary>
    public TimeSpan? RetryAfter { get; }
}
