using KktMessaging.Contracts;
using KktMessaging.Service.Buffer;
using KktMessaging.Service.Messaging;
using KktMessaging.Service.Ofd;
using MassTransit;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace KktMessaging.Service.Delivery;

/// <summary>
/// Registers one claimed receipt at the OFD. Only the message carrying the receipt's current claim token acts;
/// a Delivered receipt is never sent again, and an attempt after an unknown outcome asks the OFD first.
/// While delivery is paused the message goes back to the queue unchanged, spending nothing of its budget.
/// </summary>
public sealed class SendToOfdConsumer(
    DeliveryStore store,
    OfdClient ofd,
    DeliveryGate gate,
    DelayedForwarder forwarder,
    IOptions<CircuitOptions> circuit,
    ILogger<SendToOfdConsumer> logger) : IConsumer<SendToOfd>
{
    public async Task Consume(ConsumeContext<SendToOfd> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        var receipt = await store.FindAsync(message.ReceiptId, cancellationToken);
        if (receipt is null)
        {
            logger.LogError("SendToOfd for receipt {ReceiptId} ignored: no such receipt in this buffer", message.ReceiptId);
            return;
        }

        if (receipt.Status == ReceiptStatus.Delivered)
        {
            logger.LogDebug("Receipt {ReceiptId} is already delivered; not sending it again", receipt.ReceiptId);
            await context.Publish(Delivered(receipt.ReceiptId, ToFiscal(receipt), receipt.DeliveredAt!.Value), cancellationToken);
            return;
        }

        if (gate.PauseReason is { } pause)
        {
            await DeferAsync(context, pause);
            return;
        }

        if (receipt.ClaimToken != message.ClaimToken || !await store.TryStartAttemptAsync(receipt.ReceiptId, message.ClaimToken, cancellationToken))
        {
            logger.LogInformation("Stale SendToOfd for receipt {ReceiptId} ignored: the receipt is {Status} under another claim", receipt.ReceiptId, receipt.Status);
            return;
        }

        FiscalAttributes fiscal;
        try
        {
            fiscal = await RegisterAsync(receipt, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            await DeferAsync(context, "the OFD circuit is open");
            return;
        }
        catch (OfdDeliveryException exception) when (exception.ErrorClass == OfdErrorClass.Systemic)
        {
            gate.PauseSystemic(exception.Message);
            await DeferAsync(context, exception.Message);
            return;
        }

        var deliveredAt = await store.MarkDeliveredAsync(receipt.ReceiptId, fiscal, cancellationToken);
        logger.LogInformation("Receipt {ReceiptId} delivered: FD {FdNumber} on FN {FnNumber}", receipt.ReceiptId, fiscal.FdNumber, fiscal.FnNumber);
        await context.Publish(Delivered(receipt.ReceiptId, fiscal, deliveredAt), cancellationToken);
    }

    private async Task DeferAsync(ConsumeContext<SendToOfd> context, string reason)
    {
        await forwarder.ForwardAsync(context, circuit.Value.DeferDelay, _ => { });
        logger.LogDebug("Receipt {ReceiptId} waits in the queue: {Reason}", context.Message.ReceiptId, reason);
    }

    private async Task<FiscalAttributes> RegisterAsync(ReceiptRecord receipt, CancellationToken cancellationToken)
    {
        try
        {
            return await CallOfdAsync(receipt, cancellationToken);
        }
        catch (OfdDeliveryException exception)
        {
            await store.RecordFailureAsync(receipt.ReceiptId, exception.ErrorClass.ToString(), exception.Message, cancellationToken);
            logger.LogWarning("Receipt {ReceiptId}: attempt {Attempt} failed ({ErrorClass}): {Error}",
                receipt.ReceiptId, receipt.Attempts + 1, exception.ErrorClass, exception.Message);
            throw;
        }
    }

    private async Task<FiscalAttributes> CallOfdAsync(ReceiptRecord receipt, CancellationToken cancellationToken)
    {
        try
        {
            // An earlier attempt may have reached the OFD and died before its answer was stored: ask first.
            if (receipt.LastAttemptAt is not null)
            {
                var found = await ofd.FindAsync(receipt.ReceiptId, cancellationToken);
                if (found.Fiscal is not null) return found.Fiscal;
                if (!found.NotFound) throw Failure(receipt.ReceiptId, found);
            }

            var response = await ofd.SubmitAsync(receipt.ReceiptId, receipt.Payload, cancellationToken);
            return response.Fiscal ?? throw Failure(receipt.ReceiptId, response);
        }
        catch (Exception exception) when (IsNetworkFailure(exception, cancellationToken))
        {
            throw new OfdDeliveryException(receipt.ReceiptId, OfdErrorClass.Transient, $"OFD unreachable: {exception.Message}", inner: exception);
        }
    }

    private static bool IsNetworkFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private static OfdDeliveryException Failure(Guid receiptId, OfdResponse response) =>
        new(receiptId, response.ErrorClass ?? OfdErrorClass.Transient, response.Error ?? $"OFD answered {(int)response.Status}", response.RetryAfter);

    private static FiscalAttributes ToFiscal(ReceiptRecord receipt) =>
        new(receipt.FiscalSign ?? "", receipt.FdNumber ?? 0, receipt.FnNumber ?? "", receipt.DeliveredAt ?? default);

    private static ReceiptDelivered Delivered(Guid receiptId, FiscalAttributes fiscal, DateTimeOffset deliveredAt) => new()
    {
        ReceiptId = receiptId,
        DeliveredAt = deliveredAt,
        FiscalSign = fiscal.FiscalSign,
        FdNumber = fiscal.FdNumber,
        FnNumber = fiscal.FnNumber,
    };
}
