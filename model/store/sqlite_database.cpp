#include "sqlite_database.h"

#include "sqlite_busy.h"
#include "store_error.h"
#include "workspace.h"

#include <sqlite3.h>

#include <cstring>
#include <utility>

namespace faultline::store {

namespace {
std::string utf8(const QString& s)
{
    return s.toStdString();
}
} // namespace

std::string busyMessage(const std::string& path)
{
    return path + " is busy: another import is writing to it and did not finish within "
        + std::to_string(Workspace::kBusyTimeoutMs / 1000)
        + " s. Nothing was changed; try again when that import has finished.";
}

bool lockedByAnother(int rc, const char* message)
{
    return (rc & 0xff) == SQLITE_BUSY && message && std::strcmp(message, sqlite3_errstr(SQLITE_BUSY)) == 0;
}

SqliteDatabase::SqliteDatabase(const QString& path, OpenMode mode)
    : m_path(path)
{
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (mode) {
    case OpenMode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case OpenMode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case OpenMode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const int rc = sqlite3_open_v2(utf8(path).c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = "cannot open " + utf8(path) + ": "
            + (m_db ? std::string(sqlite3_errmsg(m_db)) : std::string(sqlite3_errstr(rc)));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        throw StoreError(message);
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Before the first statement: opening a workspace reads it at once (identity, schema version),
    // and a connection opened while an import closes (its checkpoint holds the file exclusively)
    // must wait for it, not fail with "database is locked".
    sqlite3_busy_timeout(m_db, Workspace::kBusyTimeoutMs);
}

SqliteDatabase::~SqliteDatabase()
{
    close();
}

SqliteDatabase::SqliteDatabase(SqliteDatabase&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_path(std::move(other.m_path))
{ }

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void SqliteDatabase::close()
{
    if (m_db) {
        // close_v2 defers the close until every statement is finalised, so a stray statement cannot leak the
        // handle.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void SqliteDatabase::fail(const std::string& what) const
{
    throw StoreError(what + " failed on " + utf8(m_path) + ": " + sqlite3_errmsg(m_db));
}

void SqliteDatabase::exec(std::string_view sql)
{
    char* error = nullptr;
    const std::string text(sql);
    if (const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error); rc != SQLITE_OK) {
        std::string message = "SQL failed on " + utf8(m_path) + ": " + (error ? error : sqlite3_errmsg(m_db))
            + " [" + text.substr(0, 160) + "]";
        if (lockedByAnother(rc, error ? error : sqlite3_errmsg(m_db)))
            message = busyMessage(utf8(m_path));
        sqlite3_free(error);
        throw StoreError(message);
    }
}

SqliteStatement SqliteDatabase::prepare(std::string_view sql) const
{
    return SqliteStatement(m_db, sql);
}

std::int64_t SqliteDatabase::queryInt64(std::string_view sql, std::int64_t fallback) const
{
    SqliteStatement stmt = prepare(sql);
    return stmt.step() && !stmt.isNull(0) ? stmt.int64(0) : fallback;
}

std::int64_t SqliteDatabase::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

std::int64_t SqliteDatabase::totalChanges() const
{
    return sqlite3_total_changes64(m_db);
}

bool SqliteDatabase::inTransaction() const
{
    return sqlite3_get_autocommit(m_db) == 0;
}

SqliteTransaction::SqliteTransaction(SqliteDatabase& db)
    : m_db(db)
    , m_nested(db.inTransaction())
{
    m_db.exec(m_nested ? "SAVEPOINT faultline_nested" : "BEGIN IMMEDIATE");
    m_active = true;
}

SqliteTransaction::~SqliteTransaction()
{
    if (m_active) {
        try {
            rollback();
        } catch (...) {
            // A failed rollback leaves SQLite to roll back on close; nothing more can be done in a
            // destructor.
        }
    }
}

void SqliteTransaction::commit()
{
    m_db.exec(m_nested ? "RELEASE faultline_nested" : "COMMIT");
    m_active = false;
}

void SqliteTransaction::rollback()
{
    m_active = false;
    if (!m_db.inTransaction())
        return;
    if (m_nested) {
        m_db.exec("ROLLBACK TO faultline_nested");
        m_db.exec("RELEASE faultline_nested");
    } else {
        m_db.exec("ROLLBACK");
    }
}

} // namespace faultline::store
