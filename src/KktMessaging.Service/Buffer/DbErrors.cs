using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KktMessaging.Service.Buffer;

internal static class DbErrors
{
    private const int SqliteConstraint = 19;

    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: SqliteConstraint };
}
