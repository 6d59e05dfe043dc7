namespace KktMessaging.Service.Buffer;

public enum BufferProvider
{
    Sqlite,
}
