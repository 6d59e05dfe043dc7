using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KktMessaging.Service.Buffer;

/// <summary>
/// The buffer's tables. Each database provider has a subclass of its own, so each keeps its own migrations;
/// the rest of the service only knows this class.
/// </summary>
public abstract class BufferDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ReceiptRecord> Receipts => Set<ReceiptRecord>();
    public DbSet<SyncPassRecord> SyncPasses => Set<SyncPassRecord>();
    public DbSet<SyncStateRecord> SyncState => Set<SyncStateRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReceiptRecord>(receipt =>
        {
            receipt.ToTable("receipts");
            receipt.HasKey(r => r.Id);
            receipt.HasIndex(r => r.ReceiptId).IsUnique();
            receipt.HasIndex(r => new { r.Status, r.Id });
            receipt.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            receipt.Property(r => r.PayloadHash).HasMaxLength(64);
            receipt.Property(r => r.FiscalSign).HasMaxLength(32);
            receipt.Property(r => r.FnNumber).HasMaxLength(32);
            receipt.Property(r => r.LastErrorClass).HasMaxLength(16);
        });

        modelBuilder.Entity<SyncPassRecord>(pass =>
        {
            pass.ToTable("sync_passes");
            pass.HasKey(p => p.Id);
            pass.HasIndex(p => p.StartedAt);
            pass.Property(p => p.Instance).HasMaxLength(128);
            pass.Property(p => p.Reason).HasMaxLength(32);
            pass.Property(p => p.Outcome).HasMaxLength(32);
        });

        modelBuilder.Entity<SyncStateRecord>(state =>
        {
            state.ToTable("sync_state");
            state.HasKey(s => s.Id);
            state.Property(s => s.Id).ValueGeneratedNever();
            // The row exists from the start, overdue, so the first watchdog tick starts the chain.
            state.HasData(new SyncStateRecord { ChainId = Guid.Empty, NextLinkDueAt = DateTime.UnixEpoch });
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; providers that drop the kind (SQLite) get it back on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
