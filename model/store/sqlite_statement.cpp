#include "sqlite_statement.h"

#include "sqlite_busy.h"
#include "store_error.h"

#include <sqlite3.h>

#include <utility>

namespace faultline::store {

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql)
{
    const int rc
        = sqlite3_prepare_v3(db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        // Preparing reads the schema, so it too can find the file held by another connection.
        const char* file = sqlite3_db_filename(db, "main");
        std::string message = "cannot prepare SQL (" + std::string(sqlite3_errmsg(db))
            + "): " + std::string(sql.substr(0, 200));
        if (lockedByAnother(rc, sqlite3_errmsg(db)))
            message = busyMessage(file && *file ? file : "the workspace");
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        throw StoreError(message);
    }
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
{ }

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

void SqliteStatement::fail(int rc, const char* what) const
{
    sqlite3* db = sqlite3_db_handle(m_stmt);
    const char* file = sqlite3_db_filename(db, "main");
    if (db && lockedByAnother(rc, sqlite3_errmsg(db)))
        throw StoreError(busyMessage(file && *file ? file : "the workspace"));
    std::string message = std::string(what) + " failed";
    if (file && *file)
        message += " on " + std::string(file);
    message += ": " + std::string(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    if (const char* sql = sqlite3_sql(m_stmt))
        message += " [" + std::string(sql).substr(0, 160) + "]";
    throw StoreError(message);
}

SqliteStatement& SqliteStatement::bindNull(int index)
{
    if (int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        fail(rc, "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value)
{
    if (int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc, "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value)
{
    if (int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        fail(rc, "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view utf8)
{
    if (int rc = sqlite3_bind_text64(m_stmt, index, utf8.data(), utf8.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        rc != SQLITE_OK)
        fail(rc, "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const QString& text)
{
    if (text.isNull())
        return bindNull(index);
    return bind(index, text.toUtf8());
}

SqliteStatement& SqliteStatement::bindStatic(int index, std::string_view utf8)
{
    if (int rc = sqlite3_bind_text64(m_stmt, index, utf8.data(), utf8.size(), SQLITE_STATIC, SQLITE_UTF8);
        rc != SQLITE_OK)
        fail(rc, "bind");
    return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int index, const QByteArray& bytes)
{
    if (int rc = sqlite3_bind_blob64(m_stmt, index, bytes.constData(), sqlite3_uint64(bytes.size()),
                                     SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail(rc, "bind");
    return *this;
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    // Keep the statement reusable after a constraint failure inside a transaction the caller rolls back.
    sqlite3_reset(m_stmt);
    fail(rc, "SQL step");
}

void SqliteStatement::exec()
{
    while (step()) { }
    sqlite3_reset(m_stmt);
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int SqliteStatement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString SqliteStatement::text(int column) const
{
    if (isNull(column))
        return {};
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

std::string_view SqliteStatement::textView(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return data ? std::string_view(data, size_t(sqlite3_column_bytes(m_stmt, column))) : std::string_view();
}

QByteArray SqliteStatement::utf8(int column) const
{
    if (isNull(column))
        return {};
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

std::optional<std::int64_t> SqliteStatement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

int SqliteStatement::parameterCount() const
{
    return sqlite3_bind_parameter_count(m_stmt);
}

std::string_view SqliteStatement::sql() const
{
    const char* s = sqlite3_sql(m_stmt);
    return s ? std::string_view(s) : std::string_view();
}

} // namespace faultline::store
