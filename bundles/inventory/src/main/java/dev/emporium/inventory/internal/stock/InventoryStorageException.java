package dev.emporium.inventory.internal.stock;

import java.sql.SQLException;

/** The database failed: a server-side fault (500), never a client's mistake. */
public final class InventoryStorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InventoryStorageException(SQLException cause) {
        super("inventory storage failed: " + cause.getMessage(), cause);
    }
}
