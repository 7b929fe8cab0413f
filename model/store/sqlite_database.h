#pragma once

#include "sqlite_statement.h"

#include <QString>

#include <cstdint>
#include <string_view>

struct sqlite3;

namespace faultline::store {

// RAII owner of one SQLite connection. One connection per thread: worker threads open their own.
class SqliteDatabase
{
public:
    enum class OpenMode { ReadOnly, ReadWrite, ReadWriteCreate };

    SqliteDatabase() = default;
    SqliteDatabase(const QString& path, OpenMode mode);
    ~SqliteDatabase();
    SqliteDatabase(SqliteDatabase&& other) noexcept;
    SqliteDatabase& operator=(SqliteDatabase&& other) noexcept;
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    // Runs one or more statements that take no parameters (schema, pragmas, BEGIN/COMMIT).
    void exec(std::string_view sql);
    SqliteStatement prepare(std::string_view sql) const;

    // Convenience for single-value queries; returns fallback when the query yields no row.
    std::int64_t queryInt64(std::string_view sql, std::int64_t fallback = 0) const;

    std::int64_t lastInsertRowId() const;
    std::int64_t totalChanges() const;
    bool inTransaction() const;

    const QString& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    bool isOpen() const { return m_db != nullptr; }
    void close();

private:
    [[noreturn]] void fail(const std::string& what) const;

    sqlite3* m_db = nullptr;
    QString m_path;
};

// Scoped write transaction: BEGIN IMMEDIATE on construction (takes the write lock up front, so a
// concurrent writer waits on busy_timeout instead of failing mid-way), ROLLBACK unless committed.
// Inside another transaction it is a savepoint: commit releases it into the outer transaction and
// rollback undoes only its own writes, so several imports can run as one all-or-nothing unit.
class SqliteTransaction
{
public:
    explicit SqliteTransaction(SqliteDatabase& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    void commit();
    void rollback();
    bool isActive() const { return m_active; }

private:
    SqliteDatabase& m_db;
    bool m_active = false;
    bool m_nested = false;
};

} // namespace faultline::store
