using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KktMessaging.Contracts;

namespace KktMessaging.Service.Buffer;

/// <summary>The stored form of a receipt: canonical camelCase JSON and its hash.</summary>
public static class ReceiptPayload
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static string Serialize(ReceiptCreated receipt) => JsonSerializer.Serialize(receipt, JsonOptions);

    public static ReceiptCreated Deserialize(string payload) =>
        JsonSerializer.Deserialize<ReceiptCreated>(payload, JsonOptions)
        ?? throw new InvalidOperationException("A stored receipt payload is empty");

    public static string Hash(string payload) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
}
