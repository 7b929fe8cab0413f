#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace faultline::store {

// RAII owner of one prepared statement. Bind indexes are 1-based (SQLite's), column indexes 0-based.
// Text is bound as UTF-8; SQLITE_TRANSIENT unless the caller keeps the bytes alive (bindStatic).
class SqliteStatement
{
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3* db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bindNull(int index);
    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, int value) { return bind(index, std::int64_t(value)); }
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bind(int index, std::string_view utf8);
    SqliteStatement& bind(int index, const char* utf8) { return bind(index, std::string_view(utf8)); }
    SqliteStatement& bind(int index, const QString& text);
    SqliteStatement& bind(int index, const QByteArray& utf8) { return bind(index, std::string_view(utf8.constData(), size_t(utf8.size()))); }
    SqliteStatement& bindStatic(int index, std::string_view utf8);
    // Empty text as NULL: "not in this export", so that an upsert's coalesce() keeps a stored value.
    SqliteStatement& bindTextOrNull(int index, const QString& text)
    {
        return text.isEmpty() ? bindNull(index) : bind(index, text);
    }
    // Empty text as '' for NOT NULL key columns (a null QString would bind NULL).
    SqliteStatement& bindTextOrEmpty(int index, const QString& text)
    {
        return text.isEmpty() ? bind(index, std::string_view("")) : bind(index, text);
    }
    SqliteStatement& bindBlob(int index, const QByteArray& bytes);
    template <typename T>
    SqliteStatement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Advances; true when a row is available, false when done. Throws StoreError on failure.
    bool step();
    // Runs to completion (for statements that return no rows, or whose rows are ignored).
    void exec();
    // Ready for the next execution: resets and clears bindings.
    void reset();

    int columnCount() const;
    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray utf8(int column) const;
    // The column's UTF-8 bytes without a copy; valid until the next step(), reset() or column call
    // that converts the value. NULL reads as empty.
    std::string_view textView(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;
    std::optional<double> optionalReal(int column) const
    {
        return isNull(column) ? std::nullopt : std::optional<double>(real(column));
    }

    int parameterCount() const;
    std::string_view sql() const;
    sqlite3_stmt* handle() const { return m_stmt; }
    bool isValid() const { return m_stmt != nullptr; }

private:
    [[noreturn]] void fail(int rc, const char* what) const;

    sqlite3_stmt* m_stmt = nullptr;
};

} // namespace faultline::store
