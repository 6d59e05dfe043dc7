namespace KktMessaging.Service.Ofd;

public enum OfdErrorClass
{
    /// <summary>Network trouble, timeouts, 408, 429, 5xx: the same request may succeed later.</summary>
    Transient,

    /// <summary>400/422: the OFD refuses this document; retrying cannot help.</summary>
    Permanent,

    /// <summary>401/403 and the like: our side is misconfigured; every receipt would fail the same way.</summary>
    Systemic,
}
