#pragma once

#include "sqlite_database.h"

#include <QString>

namespace faultline::store {

// A workspace is one SQLite file (*.faultline). Opening it applies the connection settings every
// caller relies on (WAL, foreign keys, busy timeout) and brings the schema up to date in one
// transaction. A file written by a newer Faultline is refused before anything is written to it.
class Workspace
{
public:
    static constexpr const char* kFileSuffix = "faultline";
    static constexpr int kBusyTimeoutMs = 10000;

    // Creates a new workspace; fails when the file exists.
    static Workspace create(const QString& path);
    // Opens an existing workspace (an empty file or a fresh SQLite file is initialised).
    static Workspace open(const QString& path);
    // Opens for reading only (GUI queries, exports): never migrates, never writes.
    static Workspace openReadOnly(const QString& path);

    Workspace(Workspace&&) noexcept = default;
    Workspace& operator=(Workspace&&) noexcept = default;

    SqliteDatabase& db() { return m_db; }
    const SqliteDatabase& db() const { return m_db; }
    const QString& path() const { return m_db.path(); }
    int schemaVersion() const;

    // Reads the schema version without opening the file for writing (0 for a file that is not a workspace yet).
    static int peekSchemaVersion(const QString& path);

private:
    explicit Workspace(SqliteDatabase db);
    void configure(bool writable);
    void migrate();

    SqliteDatabase m_db;
};

} // namespace faultline::store
