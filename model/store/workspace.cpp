#include "workspace.h"

#include "schema.h"
#include "store_error.h"

#include <QFileInfo>

#include <string>

namespace faultline::store {

namespace {

std::string describe(const QString& path)
{
    return path.toStdString();
}

// A workspace is recognised by its application_id; a version-0 file with no tables is a blank file
// that we may initialise. Anything else is some other SQLite database, which we must not touch.
void checkIdentity(const SqliteDatabase& db)
{
    const auto appId = db.queryInt64("PRAGMA application_id");
    const auto version = db.queryInt64("PRAGMA user_version");
    const auto tables = db.queryInt64("SELECT count(*) FROM sqlite_master");
    if (appId == kApplicationId)
        return;
    if (appId == 0 && version == 0 && tables == 0)
        return;
    throw StoreError(describe(db.path()) + " is an SQLite database but not a Faultline workspace");
}

void checkVersionKnown(const SqliteDatabase& db)
{
    const auto version = db.queryInt64("PRAGMA user_version");
    if (version > latestSchemaVersion()) {
        throw StoreError(describe(db.path()) + " was written by a newer Faultline (workspace schema v"
            + std::to_string(version) + "; this build knows up to v" + std::to_string(latestSchemaVersion())
            + "). Update Faultline to open it; the file was not changed.");
    }
}

// Reading the header of a non-SQLite file fails only at the first query; turn that into a clear message.
template <typename F>
void asWorkspace(const QString& path, F&& f)
{
    try {
        f();
    } catch (const StoreError& e) {
        const std::string what = e.what();
        if (what.find("file is not a database") != std::string::npos)
            throw StoreError(describe(path) + " is not a Faultline workspace (not an SQLite database)");
        throw;
    }
}

} // namespace

Workspace::Workspace(SqliteDatabase db)
    : m_db(std::move(db))
{
}

Workspace Workspace::create(const QString& path)
{
    if (QFileInfo::exists(path))
        throw StoreError(describe(path) + " already exists; open it instead, or choose another name");
    Workspace ws(SqliteDatabase(path, SqliteDatabase::OpenMode::ReadWriteCreate));
    ws.configure(true);
    ws.migrate();
    return ws;
}

Workspace Workspace::open(const QString& path)
{
    if (!QFileInfo(path).isFile())
        throw StoreError(describe(path) + " does not exist or is not a file");
    Workspace ws(SqliteDatabase(path, SqliteDatabase::OpenMode::ReadWrite));
    asWorkspace(path, [&] {
        // Identity and version are checked before the first write (WAL switch, migration), so a
        // foreign or newer file is left byte-for-byte as it was.
        checkIdentity(ws.m_db);
        checkVersionKnown(ws.m_db);
    });
    ws.configure(true);
    ws.migrate();
    return ws;
}

Workspace Workspace::openReadOnly(const QString& path)
{
    if (!QFileInfo(path).isFile())
        throw StoreError(describe(path) + " does not exist or is not a file");
    Workspace ws(SqliteDatabase(path, SqliteDatabase::OpenMode::ReadOnly));
    asWorkspace(path, [&] {
        checkIdentity(ws.m_db);
        checkVersionKnown(ws.m_db);
        if (ws.schemaVersion() < latestSchemaVersion())
            throw StoreError(describe(path) + " uses an older workspace schema; open it for writing once to upgrade it");
    });
    ws.configure(false);
    return ws;
}

int Workspace::peekSchemaVersion(const QString& path)
{
    SqliteDatabase db(path, SqliteDatabase::OpenMode::ReadOnly);
    int version = 0;
    asWorkspace(path, [&] { version = int(db.queryInt64("PRAGMA user_version")); });
    return version;
}

int Workspace::schemaVersion() const
{
    return int(m_db.queryInt64("PRAGMA user_version"));
}

void Workspace::configure(bool writable)
{
    m_db.exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
    m_db.exec("PRAGMA foreign_keys = ON");
    if (writable) {
        // WAL lets the GUI read while an import writes; NORMAL sync is crash-safe in WAL mode.
        m_db.exec("PRAGMA journal_mode = WAL");
        m_db.exec("PRAGMA synchronous = NORMAL");
    }
    m_db.exec("PRAGMA temp_store = MEMORY");
    m_db.exec("PRAGMA cache_size = -65536");
}

void Workspace::migrate()
{
    const int current = schemaVersion();
    if (current == latestSchemaVersion())
        return;
    SqliteTransaction tx(m_db);
    // Re-read under the write lock: another process may have migrated in the meantime.
    const int locked = schemaVersion();
    for (const Migration& step : migrations()) {
        if (step.version > locked)
            m_db.exec(step.sql);
    }
    m_db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    m_db.exec("PRAGMA user_version = " + std::to_string(latestSchemaVersion()));
    if (locked == 0) {
        auto stmt = m_db.prepare("INSERT INTO workspace_meta(key, value) VALUES ('created_by', ?1), "
                                 "('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
        stmt.bind(1, std::string_view("Faultline " FAULTLINE_VERSION));
        stmt.exec();
    }
    tx.commit();
}

} // namespace faultline::store
