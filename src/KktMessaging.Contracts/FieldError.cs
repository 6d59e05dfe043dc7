namespace KktMessaging.Contracts;

/// <summary>One validation error. <see cref="Field"/> is a JSON path such as <c>items[2].sum</c>.</summary>
public sealed record FieldError(string Field, string Code, string Message);
