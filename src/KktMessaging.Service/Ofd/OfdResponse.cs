using System.Net;

namespace KktMessaging.Service.Ofd;

/// <summary>What one OFD call came back with: fiscal attributes, or an error with its class.</summary>
public sealed record OfdResponse(HttpStatusCode Status, FiscalAttributes? Fiscal, OfdErrorClass? ErrorClass, string? Error, TimeSpan? RetryAfter)
{
    public bool NotFound => Status == HttpStatusCode.NotFound && Fiscal is null && ErrorClass is null;

    public static OfdErrorClass Classify(HttpStatusCode status) => (int)status switch
    {
        400 or 422 => OfdErrorClass.Permanent,
        401 or 403 or 404 or 405 => OfdErrorClass.Systemic,
        _ => OfdErrorClass.Transient,
    };
}
