package io.merchantdesk.sync.run;

import io.merchantdesk.sync.SyncDtos.SyncKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The single flight of a (store, kind) run (SYNC-17): a session-level PostgreSQL advisory lock
 * {@code hashtextextended('sync:<store>:<kind>')} held by the connection that the run keeps until it ends. The
 * starter ({@link SyncRunService#start}) tries it; the runner ({@link SyncRunner}) owns it from then on and releases
 * it in {@code finally}. If the process dies, PostgreSQL drops the session and with it the lock. Also the per-store
 * transaction-level lock that serialises the write phases of a store's CUSTOMERS and ORDERS runs.
 */
final class RunLock {
    private final Connection connection;
    private final UUID storeId;
    private final SyncKind kind;
    private boolean held;

    private RunLock(Connection connection, UUID storeId, SyncKind kind, boolean held) {
        this.connection = connection;
        this.storeId = storeId;
        this.kind = kind;
        this.held = held;
    }

    /** Tries the (store, kind) lock on the connection; {@link #held()} says whether it was taken. */
    static RunLock tryAcquire(Connection c, UUID storeId, SyncKind kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, key(storeId, kind));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new RunLock(c, storeId, kind, rs.getBoolean(1));
            }
        }
    }

    boolean held() {
        return held;
    }

    /** The connection that holds the lock (the run's connection). */
    Connection connection() {
        return connection;
    }

    UUID storeId() {
        return storeId;
    }

    SyncKind kind() {
        return kind;
    }

    /** Releases the lock if this connection holds it; the connection stays open. */
    void release() throws SQLException {
        if (!held) return;
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
            ps.setString(1, key(storeId, kind));
            ps.execute();
        }
        held = false;
    }

    /** Serialises the write phases of a store's CUSTOMERS and ORDERS runs, so both never create a card for the same customer. */
    static void writes(Connection c, UUID storeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            ps.setString(1, "sync-writes:" + storeId);
            ps.execute();
        }
    }

    private static String key(UUID storeId, SyncKind kind) {
        return "sync:" + storeId + ":" + kind;
    }
}
